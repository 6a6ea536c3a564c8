import { NavLink } from "@/components/layout/NavLink";
import { getTranslations } from "next-intl/server";
import { AuthForm } from "@/components/account/AuthForm";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { currentOrigin } from "@/app/_server/origin";
import { safeNext } from "@/app/_server/safe-next";
import { enterMarket, titledBy, type MarketSearchParams } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("createAccount");

export default async function SignupPage({ params, searchParams }: MarketSearchParams) {
  const { locale } = await enterMarket(params);
  const t = await getTranslations({ locale, namespace: "Auth" });
  const next = safeNext((await searchParams).next, await currentOrigin());
  return (
    <ClientIntl locale={locale} namespaces={["Auth", "Errors"]}>
      <h1>{t("signUpHeading")}</h1>
      <AuthForm mode="signup" next={next} config={publicSupabaseConfig()} />
      <p>{t("haveAccount")} <NavLink href={`/login?next=${encodeURIComponent(next)}`}>{t("signIn")}</NavLink></p>
    </ClientIntl>
  );
}
