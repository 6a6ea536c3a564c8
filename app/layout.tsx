import type { ReactNode } from "react";

/**
 * The shop's pages bring their own <html>: app/[market]/layout.tsx (shoppers, in their language),
 * app/admin/layout.tsx (the back office, English) and app/not-found.tsx. This root only exists because
 * a root not-found page needs a root layout (next-intl.dev/docs/environments/error-files).
 */
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
