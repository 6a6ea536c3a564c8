import fs from "node:fs";
import path from "node:path";
import type { IdempotencyEntry } from "./idempotency";
import type { SerializedState } from "./state";

export interface PersistedFile {
  state: SerializedState;
  idempotency: [string, IdempotencyEntry][];
}

export function loadPersisted(file: string): PersistedFile | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as PersistedFile;
    if (data?.state?.version !== 1) throw new Error("unknown format");
    return data;
  } catch (err) {
    // Keep the unreadable file for inspection instead of overwriting it with an empty state.
    const aside = `${file}.corrupt-${Date.now()}`;
    fs.renameSync(file, aside);
    console.warn(`[stripe-emulator] could not read ${file} (${String(err)}); moved to ${aside}, starting empty`);
    return null;
  }
}

/**
 * Debounced, atomic (write + rename) JSON snapshots of the emulator state. A snapshot is the whole
 * state, so its cost grows with a long session or a load test; the pause before the next one grows
 * with it (`costFactor` times the last write's duration, at least `delayMs`, at most `maxDelayMs`),
 * which keeps persistence to about 1/costFactor of the process's time. Close flushes at once.
 */
export class Persister {
  private timer: NodeJS.Timeout | null = null;
  private lastWriteMs = 0;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => PersistedFile,
    private readonly delayMs = 250,
    private readonly costFactor = 20,
    private readonly maxDelayMs = 5_000,
  ) {}

  /** How long the next scheduled snapshot waits. */
  get nextDelayMs(): number {
    return Math.min(this.maxDelayMs, Math.max(this.delayMs, Math.ceil(this.lastWriteMs * this.costFactor)));
  }

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.nextDelayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.write();
  }

  private write(): void {
    const started = performance.now();
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.snapshot()));
      fs.renameSync(tmp, this.file);
    } catch (err) {
      console.error(`[stripe-emulator] could not persist to ${this.file}`, err);
    }
    this.lastWriteMs = performance.now() - started;
  }
}
