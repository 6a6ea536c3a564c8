"use client";

import { useTranslations } from "@/components/i18n/client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("ErrorPage");
  return (
    <>
      <h1>{t("heading")}</h1>
      <p role="alert">{t("body")}</p>
      <button type="button" onClick={reset}>{t("retry")}</button>
    </>
  );
}
