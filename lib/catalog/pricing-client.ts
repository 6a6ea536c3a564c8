// Client components import from here: no database code in the browser bundle.
export type { CatalogProduct, CatalogVariant, CatalogPrice } from "./types";
export { describeRecurring, lowestPrice, lowestPriceIn, pricesIn, isSoldOut } from "./pricing";
