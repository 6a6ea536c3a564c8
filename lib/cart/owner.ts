import { userIdFromRequest } from "../auth/request-user";
import { readCookie } from "../http/cookies";
import { CART_COOKIE, validCartNumber } from "./identity";
import { mergeGuestCart } from "./merge";
import type { CartOwner } from "./types";

export interface RequestOwner extends CartOwner {
  /** A guest cart was folded into the user's cart: the route drops the guest cookie. */
  mergedGuest: boolean;
}

export async function cartOwnerFromRequest(request: Request): Promise<RequestOwner> {
  const cartNumber = validCartNumber(readCookie(request, CART_COOKIE));
  const userId = await userIdFromRequest(request);
  if (userId && cartNumber) {
    await mergeGuestCart(userId, cartNumber);
    return { cartNumber: null, userId, mergedGuest: true };
  }
  return { cartNumber, userId, mergedGuest: false };
}
