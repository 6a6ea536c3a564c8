import type { SupabaseClientOptions } from "@supabase/supabase-js";

type WebSocketTransport = NonNullable<NonNullable<SupabaseClientOptions<"public">["realtime"]>["transport"]>;

/**
 * supabase-js builds its realtime client eagerly, and on Node 20 (no global WebSocket) that throws
 * inside createClient. The shop's server code never opens a realtime socket, so server-side clients
 * get a transport that refuses to.
 */
class NoWebSocket {
  constructor() {
    throw new Error("Realtime is not used on the server");
  }
}

export const serverRealtime = { realtime: { transport: NoWebSocket as unknown as WebSocketTransport } };
