"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, type ComponentProps, type MouseEvent } from "react";

/**
 * A link inside the shop that navigates on the client and prefetches its page once it is on screen,
 * as next/link does by default, through the router every page already loads (useRouter's push and
 * prefetch: nextjs.org/docs/app/api-reference/functions/use-router). next/link itself adds about
 * 3 KB gzip to every page's first load (its own code and the helpers it brings; measured against a
 * blank Next.js app, tests/e2e/js-budget.spec.ts); this is a few hundred bytes. Clicks the browser
 * should handle itself (new tab or window, download, another target or site) are left to it.
 */
export function NavLink({ href, onClick, ...props }: ComponentProps<"a"> & { href: string }) {
  const router = useRouter();
  const ref = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    const link = ref.current;
    if (!link || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      router.prefetch(href);
    });
    observer.observe(link);
    return () => observer.disconnect();
  }, [router, href]);

  function navigate(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    const modified = e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.button !== 0;
    const elsewhere = (props.target && props.target !== "_self") || props.download !== undefined || new URL(href, location.href).origin !== location.origin;
    if (e.defaultPrevented || modified || elsewhere) return;
    e.preventDefault();
    router.push(href);
  }

  return <a {...props} ref={ref} href={href} onClick={navigate} />;
}
