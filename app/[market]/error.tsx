"use client";

import { useErrorText } from "@/components/layout/ErrorText";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const text = useErrorText();
  return (
    <>
      <h1>{text.heading}</h1>
      <p role="alert">{text.body}</p>
      <button type="button" onClick={reset}>{text.retry}</button>
    </>
  );
}
