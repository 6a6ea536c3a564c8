import fs from "node:fs";

const children = (pid: number): number[] => {
  try {
    const tasks = fs.readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((t) => fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
  } catch {
    return [];
  }
};

/** rootPid and every process below it, now (Linux /proc). */
export function processTree(rootPid: number): number[] {
  const all: number[] = [];
  const queue = [rootPid];
  while (queue.length) {
    const p = queue.shift()!;
    all.push(p);
    queue.push(...children(p));
  }
  return all;
}

/** Peak resident memory of a process tree, sampled from /proc (Linux). */
export function watchRss(rootPid: number, match: (cmdline: string) => boolean) {
  let peak = 0;
  const sample = () => {
    let total = 0;
    for (const pid of processTree(rootPid)) {
      try {
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
        if (!match(cmd)) continue;
        const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (m) total += Number(m[1]) * 1024;
      } catch {
        /* process ended */
      }
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 250);
  return { stop: () => (clearInterval(timer), sample(), peak), peak: () => peak };
}
