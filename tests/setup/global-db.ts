import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startLocalPostgres } from "../../local/db/postgres";
import { migrate, seedOnce } from "../../local/db/migrate";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** One real PostgreSQL for the whole test run, on a free port in a throwaway directory. */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shop-test-pg-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startLocalPostgres({ dataDir: path.join(dir, "pg"), port: await freePort(), persistent: false });
  await migrate(pg.url);
  await seedOnce(pg.url);
  project.provide("databaseUrl", pg.url);
  return async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
