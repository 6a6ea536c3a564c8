"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <h1>Something went wrong</h1>
      <p role="alert">We could not load this page. Please try again.</p>
      <button type="button" onClick={reset}>Try again</button>
    </>
  );
}
