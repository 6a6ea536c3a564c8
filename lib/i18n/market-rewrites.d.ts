export interface MarketRewrite {
  source: string;
  destination: string;
  has?: { type: "cookie" | "header"; key: string; value: string }[];
}
export function pageSource(publicNames: string[]): string;
export function marketRewriteRules(publicNames?: string[]): MarketRewrite[];
export function marketRewrites(): Promise<{ beforeFiles: MarketRewrite[]; afterFiles: MarketRewrite[]; fallback: MarketRewrite[] }>;
