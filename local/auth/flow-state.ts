import crypto from "node:crypto";
import { GoTrueError, badRequest } from "./errors";
import type { LinkAuthenticationMethod, PkceParams } from "./pkce";
import type { Db } from "./store";

/**
 * GOTRUE_EXTERNAL_FLOW_STATE_EXPIRY_DURATION: 300 s, also its minimum (defaultFlowStateExpiryDuration
 * in supabase/auth internal/conf/configuration.go).
 */
export const FLOW_STATE_EXPIRY_SECONDS = 300;

/**
 * generateFlowState (internal/api/pkce.go) with models.NewFlowState (internal/models/flow_state.go):
 * a PKCE flow for a user, with a fresh auth code (a v4 UUID) the mail link's /verify will hand out.
 */
export async function createFlowState(
  db: Db,
  f: { userId: string; providerType: string; authenticationMethod: LinkAuthenticationMethod; pkce: PkceParams },
): Promise<void> {
  await db`
    insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type,
                                 authentication_method, created_at, updated_at)
    values (${crypto.randomUUID()}, ${f.userId}, ${crypto.randomUUID()}, ${f.pkce.codeChallengeMethod},
            ${f.pkce.codeChallenge}, ${f.providerType}, ${f.authenticationMethod}, now(), now())`;
}

/**
 * issueAuthCode (internal/api/pkce.go), as verifyGet wraps its errors: the user's latest flow state
 * of this method (models.FindFlowStateByUserID takes the last) gives its auth code, and the time it
 * was issued is recorded (a magic link's code expires counting from then).
 */
export async function issueAuthCode(db: Db, userId: string, method: LinkAuthenticationMethod): Promise<string> {
  const [row] = await db<{ auth_code: string | null; code_challenge: string | null }[]>`
    update auth.flow_state set auth_code_issued_at = now(), updated_at = now()
    where id = (
      select id from auth.flow_state where user_id = ${userId} and authentication_method = ${method}
      order by created_at desc, id desc limit 1)
    returning auth_code, code_challenge`;
  const notFound = (why: string) => badRequest("flow_state_not_found", `No associated flow state found. 422: ${why}`);
  if (!row) throw notFound("No valid flow state found for user.");
  if (!row.code_challenge || !row.auth_code) throw notFound("Flow state does not have an auth code (not a PKCE flow).");
  return row.auth_code;
}

export interface FlowStateRow {
  id: string;
  user_id: string | null;
  authentication_method: string;
  code_challenge: string | null;
  code_challenge_method: string | null;
  expired: boolean;
}

/**
 * models.FindFlowStateByAuthCode with FlowState.IsExpired: a magic link's flow counts from the time
 * its code was issued, every other flow from its creation.
 */
export async function findFlowStateByAuthCode(db: Db, authCode: string): Promise<FlowStateRow | undefined> {
  const [row] = await db<FlowStateRow[]>`
    select id, user_id, authentication_method, code_challenge, code_challenge_method::text,
           coalesce(
             case when authentication_method = 'magiclink' and auth_code_issued_at is not null
                  then auth_code_issued_at else created_at end
               + make_interval(secs => ${FLOW_STATE_EXPIRY_SECONDS}) < now(),
             true) as expired
    from auth.flow_state where auth_code = ${authCode} limit 1`;
  return row;
}

/**
 * Deletes the flow state as the PKCE grant's tx.Destroy does; true for the one caller that deleted
 * it, so of concurrent exchanges of one code only one gets a session.
 */
export async function claimFlowState(db: Db, id: string): Promise<boolean> {
  const rows = await db`delete from auth.flow_state where id = ${id} returning id`;
  return rows.length === 1;
}

export const FLOW_STATE_NOT_FOUND = () =>
  new GoTrueError(404, "flow_state_not_found", "invalid flow state, no valid flow state found");
