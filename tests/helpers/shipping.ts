/** A payer's address in an allowed country, for `/_emulator/pay` on sessions that collect one (ignored by the others). */
export const TEST_ADDRESS = {
  name: "Ada Lovelace",
  address: { line1: "12 Rue de la Paix", city: "Paris", postal_code: "75002", country: "FR" },
};
export const SHIP_TO = { shipping_details: TEST_ADDRESS, email: "ada@example.com" };
