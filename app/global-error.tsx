"use client";

/**
 * When even a layout fails. Replaces Next's built-in page (and its styles, about 2 KB of JavaScript
 * on every first load); no market is known here, so it speaks both languages.
 */
export default function GlobalError({ reset }: { error: Error; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <h1>Something went wrong</h1>
          <p role="alert">We could not load this page. Please try again.</p>
          <p lang="fr">Une erreur est survenue. Veuillez réessayer.</p>
          <button type="button" onClick={reset}>Try again · <span lang="fr">Réessayer</span></button>
        </main>
      </body>
    </html>
  );
}
