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

/** Debounced, atomic (write + rename) JSON snapshots of the emulator state. */
export class Persister {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => PersistedFile,
    private readonly delayMs = 250,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, this.delayMs);
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
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(this.snapshot()));
      fs.renameSync(tmp, this.file);
    } catch (err) {
      console.error(`[stripe-emulator] could not persist to ${this.file}`, err);
    }
  }
}
