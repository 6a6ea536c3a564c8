"use client";

import { createContext, useContext, type ReactNode } from "react";

export type ErrorTextValue = { heading: string; body: string; retry: string };

const ErrorTextContext = createContext<ErrorTextValue>({ heading: "", body: "", retry: "" });

/**
 * The error page's words, translated by the market layout on the server: app/[market]/error.tsx is a
 * client component in every page's first load, and this keeps use-intl out of it.
 */
export function ErrorTextProvider({ value, children }: { value: ErrorTextValue; children: ReactNode }) {
  return <ErrorTextContext value={value}>{children}</ErrorTextContext>;
}

export function useErrorText(): ErrorTextValue {
  return useContext(ErrorTextContext);
}
