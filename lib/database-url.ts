/**
 * Supabase's transaction pooler listens on port 6543 (Supavisor, `aws-0-<region>.pooler.supabase.com:6543`,
 * and the optional PgBouncer); session mode and direct connections use 5432. In transaction mode
 * consecutive transactions of one client run on different server connections, so:
 * - prepared statements are not supported ("Supavisor in transaction mode does not"): Supabase docs,
 *   Database → Connecting to Postgres, and troubleshooting "Disabling Prepared statements";
 * - startup parameters other than user, database, application_name and search_path are not passed on
 *   (supabase/supavisor lib/supavisor/client_handler/protocol_helpers.ex, parse_startup_packet), so
 *   session settings such as statement_timeout must be set per transaction (SET LOCAL / set_config).
 */
export const TRANSACTION_POOLER_PORT = "6543";

export function isTransactionPooler(databaseUrl: string): boolean {
  return new URL(databaseUrl).port === TRANSACTION_POOLER_PORT;
}
