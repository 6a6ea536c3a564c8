import { transaction } from "../db";
import { stripe } from "../stripe/client";
import { logError } from "../http/log";
import { itemsTotalSql } from "../orders/queries";
import type { OrderWithItems } from "../orders/queries";
import type { OrderRow } from "../orders/types";
import { orderRates, orderShips } from "./session-shipping";
import { servesCountry } from "./shipping";
import { countryRefusal, type ShippingDetails } from "./shipping-details";
import { ORDER_SHIPPING_MESSAGES as M, rateNotForCountry } from "./messages";

export class IntentShippingError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * The PaymentIntent page's address step (POST /api/orders/[id]/shipping): checks the country and
 * rate against what the order offers, then sets `shipping` and the amount with the chosen rate on
 * the PaymentIntent before it is confirmed (stripe-node PaymentIntentUpdateParams.shipping, .amount),
 * then the order. Stripe's state comes first: if our write were lost, the amount check at payment
 * flags the order rather than fulfilling a different total.
 */
export async function setIntentShipping(order: OrderWithItems, details: ShippingDetails, rateId: string | null): Promise<void> {
  if (order.source !== "payment_intent" || !order.stripe_payment_intent_id) throw new IntentShippingError(400, M.notPaidHere);
  if ((order.status !== "pending" && order.status !== "failed") || order.payment_processing) {
    throw new IntentShippingError(409, M.locked);
  }
  if (!orderShips(order)) throw new IntentShippingError(400, M.nothingShips);
  const countries = order.shipping_countries ?? [];
  const country = details.address.country;
  if (!countries.includes(country)) throw new IntentShippingError(400, countryRefusal(country, countries));
  const rates = orderRates(order);
  const rate = rates.length === 0 ? null : rates.find((r) => r.id === (rateId ?? order.shipping_option));
  if (rates.length > 0 && !rate) throw new IntentShippingError(400, M.unknownRate);
  if (rate && !servesCountry(rate, country)) throw new IntentShippingError(400, rateNotForCountry(rate.name, country));
  const itemsTotal = order.items.reduce((sum, i) => sum + i.unit_amount * i.quantity, 0);
  const amount = itemsTotal + (rate?.amount ?? 0);
  try {
    await stripe().paymentIntents.update(order.stripe_payment_intent_id, {
      amount,
      shipping: { name: details.name, address: { ...details.address, line2: details.address.line2 ?? undefined, state: details.address.state ?? undefined } },
    });
  } catch (error) {
    logError(`PaymentIntent ${order.stripe_payment_intent_id} shipping update`, error);
    throw new IntentShippingError(502, M.notSaved);
  }
  await transaction(async (tx) => {
    await tx<OrderRow[]>`update orders set shipping_option = ${rate?.id ?? null}, amount_shipping = ${rate?.amount ?? 0},
                           amount_total = ${rate?.amount ?? 0} + ${itemsTotalSql(tx, order.id)}
                         where id = ${order.id} and status in ('pending', 'failed')`;
  });
}
