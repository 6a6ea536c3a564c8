import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NewPasswordForm } from "@/components/account/NewPasswordForm";
import { publicSupabaseConfig } from "@/lib/auth/public-config";
import { currentOwner } from "@/app/_server/request-owner";
import { enterMarket, titledBy, type MarketParams } from "@/i18n/market";
import { ClientIntl } from "@/components/i18n/ClientIntl";

export const dynamic = "force-dynamic";

export const generateMetadata = titledBy("newPassword");

export default async function AccountPasswordPage({ params }: MarketParams) {
  const { locale } = await enterMarket(params);
  const owner = await currentOwner();
  if (!owner.userId) redirect("/login?next=/account/password");
  const t = await getTranslations({ locale, namespace: "Auth" });
  return (
    <ClientIntl locale={locale} namespaces={["Auth", "Errors"]}>
      <h1>{t("newPasswordHeading")}</h1>
      <NewPasswordForm config={publicSupabaseConfig()} />
    </ClientIntl>
  );
}
