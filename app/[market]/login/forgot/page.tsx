import { NavLink } from "@/components/layout/NavLink";
import { getTranslations } from "next-intl/server";
import { ForgotPasswordForm } from "@/components/account/ForgotPasswordForm";
import { linkErrorKey } from "@/components/account/link-error";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { enterMarket, titledBy, type MarketSearchParams } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("resetPassword");

export default async function ForgotPasswordPage({ params, searchParams }: MarketSearchParams) {
  const { locale } = await enterMarket(params);
  const t = await getTranslations({ locale, namespace: "Auth" });
  const linkError = linkErrorKey((await searchParams).error);
  return (
    <ClientIntl locale={locale} namespaces={["Auth", "Errors"]}>
      <h1>{t("resetHeading")}</h1>
      {linkError && <p role="alert" className="alert">{t(linkError)}</p>}
      <p>{t("resetIntro")}</p>
      <ForgotPasswordForm config={publicSupabaseConfig()} />
      <p><NavLink href="/login">{t("backToSignIn")}</NavLink></p>
    </ClientIntl>
  );
}
