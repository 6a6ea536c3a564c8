import { NavLink } from "@/components/layout/NavLink";
import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/account/AuthForm";
import { linkErrorKey } from "@/components/account/link-error";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { currentOrigin } from "@/app/_server/origin";
import { safeNext } from "@/app/_server/safe-next";
import { enterMarket, titledBy, type MarketSearchParams } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("signIn");

export default async function LoginPage({ params, searchParams }: MarketSearchParams) {
  const { locale } = await enterMarket(params);
  const t = await getTranslations({ locale, namespace: "Auth" });
  const query = await searchParams;
  const next = safeNext(query.next, await currentOrigin());
  const linkError = linkErrorKey(query.error);
  return (
    <ClientIntl locale={locale} namespaces={["Auth", "Errors"]}>
      <h1>{t("signInHeading")}</h1>
      {linkError && <p role="alert" className="alert">{t(linkError)}</p>}
      <AuthForm mode="login" next={next} config={publicSupabaseConfig()} />
      <p><NavLink href="/login/forgot">{t("forgot")}</NavLink></p>
      <p>{t("newHere")} <NavLink href={`/signup?next=${encodeURIComponent(next)}`}>{t("createAnAccount")}</NavLink></p>
    </ClientIntl>
  );
}
