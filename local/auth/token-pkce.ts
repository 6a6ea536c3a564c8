import type { IncomingMessage } from "node:http";
import type { AuthContext } from "./context";
import { badRequest, unprocessable } from "./errors";
import { claimFlowState, findFlowStateByAuthCode, FLOW_STATE_NOT_FOUND } from "./flow-state";
import { readParams, str } from "./params";
import { pkceMismatch } from "./pkce";
import { startSession } from "./session";
import { findUserById } from "./store";

/**
 * POST /token?grant_type=pkce (API.PKCE in supabase/auth internal/api/token.go), as auth-js's
 * exchangeCodeForSession calls it: `{auth_code, code_verifier}`. The flow state must exist, be within
 * its 300 s and match the verifier; it is deleted in the transaction that issues the session, so a
 * code is good for one session even under concurrent exchanges (the later delete finds nothing).
 * A wrong verifier leaves the flow state in place, as upstream does.
 */
export async function pkceGrant(ctx: AuthContext, req: IncomingMessage) {
  const params = await readParams(req);
  const authCode = str(params, "auth_code");
  const codeVerifier = str(params, "code_verifier");
  if (authCode === "" || codeVerifier === "") {
    throw badRequest("validation_failed", "invalid request: both auth code and code verifier should be non-empty");
  }

  const flowState = await findFlowStateByAuthCode(ctx.sql, authCode);
  if (!flowState || flowState.user_id === null) throw FLOW_STATE_NOT_FOUND();
  if (flowState.expired) throw unprocessable("flow_state_expired", "invalid flow state, flow state has expired");
  const mismatch =
    flowState.code_challenge && flowState.code_challenge_method
      ? pkceMismatch(flowState.code_challenge, flowState.code_challenge_method, codeVerifier)
      : "PKCE verification not applicable for implicit flow";
  if (mismatch) throw badRequest("bad_code_verifier", mismatch);

  const userId = flowState.user_id;
  const now = new Date();
  return ctx.sql.begin(async (tx) => {
    if (!(await claimFlowState(tx, flowState.id))) throw FLOW_STATE_NOT_FOUND();
    const user = await findUserById(tx, userId);
    if (!user) throw FLOW_STATE_NOT_FOUND();
    return startSession(ctx, tx, user, now);
  });
}
