import type { Metadata } from "next";
import { NavLink } from "@/components/layout/NavLink";
import "./globals.css";

export const metadata: Metadata = { title: "Page not found · Ridge & Kettle" };

/**
 * A path outside every page (no market matched, e.g. a missing file): no language is known here, so
 * the page says it in both. Shopper paths that match nothing get app/[market]/not-found.tsx instead.
 * NavLink, not next/link: this page's client code is in every page's first load (tests/e2e/js-budget.spec.ts).
 */
export default function NotFound() {
  return (
    <html lang="en">
      <body>
        <main id="main">
          <h1>Page not found</h1>
          <p>We could not find what you were looking for.</p>
          <p lang="fr">Nous n’avons pas trouvé ce que vous cherchiez.</p>
          <p><NavLink href="/">Back to the shop</NavLink> · <NavLink href="/" lang="fr">Retour à la boutique</NavLink></p>
        </main>
      </body>
    </html>
  );
}
