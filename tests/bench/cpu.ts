import fs from "node:fs";
import { processTree } from "./rss";

/** Which processes of the stack a CPU figure is summed over, by command line. */
export type CpuGroups = Record<string, (cmdline: string) => boolean>;

const TICK_MS = 1000 / 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux

function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime + stime, plus cutime + cstime: children that ended (a Postgres backend) stay counted in their parent
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

/**
 * CPU time (user + system, ms) spent by each group of a process tree, plus this process; a
 * difference of two readings over a run, divided by its requests, is what one request costs each
 * part of the stack whatever else shares the cores (latency is not: on 2 busy cores it is mostly
 * waiting for a core).
 */
export function cpuReading(rootPids: number[], groups: CpuGroups): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  for (const pid of rootPids.flatMap(processTree)) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
      const group = Object.keys(groups).find((g) => groups[g]!(cmd));
      if (group) out[group]! += cpuMs(pid);
    } catch {
      /* process ended */
    }
  }
  const self = process.cpuUsage();
  out.bench = (self.user + self.system) / 1000;
  return out;
}

/** The machine's CPU time so far, busy and total (ms over all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const fields = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = fields[3]! + (fields[4] ?? 0); // idle + iowait
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}
