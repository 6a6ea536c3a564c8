/**
 * The round-trip counter in a process of its own, for the benchmarks: relaying every database
 * packet in the process that runs autocannon would delay autocannon's own reads and writes, and so
 * inflate the measured latency of exactly the routes that use the database.
 * Run by startCounterProcess; talks over the IPC channel.
 */
import { fork } from "node:child_process";
import { startRoundTripCounter } from "./pg-counter";

type Reply = { port: number } | { trips: number } | { closed: true };
type Request = { op: "read" | "reset" | "close" };

async function child(target: { host: string; port: number }) {
  const counter = await startRoundTripCounter(target);
  process.on("message", async (m: Request) => {
    if (m.op === "read") process.send!({ trips: counter.read() } satisfies Reply);
    if (m.op === "reset") { counter.reset(); process.send!({ trips: 0 } satisfies Reply); }
    if (m.op === "close") { await counter.close(); process.send!({ closed: true } satisfies Reply, () => process.exit(0)); }
  });
  process.send!({ port: counter.port } satisfies Reply);
}

export async function startCounterProcess(target: { host: string; port: number }) {
  const proc = fork(import.meta.filename, [target.host, String(target.port)], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const next = () => new Promise<Reply>((resolve, reject) => {
    proc.once("message", (m) => resolve(m as Reply));
    proc.once("exit", (code) => reject(new Error(`the round-trip counter exited (${code})`)));
  });
  const ask = async (op: Request["op"]) => { const reply = next(); proc.send({ op } satisfies Request); return reply; };
  const { port } = (await next()) as { port: number };
  return {
    port,
    pid: proc.pid!,
    /** Round trips since the last reset. */
    read: async () => ((await ask("read")) as { trips: number }).trips,
    reset: async () => void (await ask("reset")),
    close: async () => { if (proc.exitCode === null) await ask("close").catch(() => undefined); },
  };
}

if (process.send && process.argv[1] === import.meta.filename) {
  void child({ host: process.argv[2]!, port: Number(process.argv[3]) });
}
