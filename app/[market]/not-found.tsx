import { NavLink } from "@/components/layout/NavLink";
import { getLocale, getTranslations } from "next-intl/server";

/** notFound() anywhere under a market, and every shopper path that matches no page ([...rest]). */
export default async function NotFound() {
  const t = await getTranslations({ locale: await getLocale(), namespace: "NotFound" });
  return (
    <>
      <h1>{t("heading")}</h1>
      <p>{t("body")}</p>
      <p><NavLink href="/">{t("back")}</NavLink></p>
    </>
  );
}
