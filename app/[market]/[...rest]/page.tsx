import { notFound } from "next/navigation";
import { enterMarket, type MarketParams } from "@/i18n/market";

/** A shopper path that matches no page: the market's own not-found page, in the shopper's language. */
export default async function UnknownPage({ params }: MarketParams) {
  await enterMarket(params);
  notFound();
}
