import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("repository hygiene", () => {
  it("package-lock.json names no registry and .npmrc keeps it that way", () => {
    const lock = fs.readFileSync(path.join(root, "package-lock.json"), "utf8");
    expect(lock).not.toMatch(/"resolved":|https?:\/\/registry\./);
    expect(fs.readFileSync(path.join(root, ".npmrc"), "utf8")).toMatch(/^omit-lockfile-registry-resolved=true$/m);
  });

  it("tracks no generated files or secrets", () => {
    let tracked: string[];
    try {
      tracked = execFileSync("git", ["ls-files"], { cwd: root, encoding: "utf8" }).split("\n");
    } catch {
      return; // not a git checkout (e.g. an exported tarball)
    }
    const bad = tracked.filter((f) => /^(node_modules|\.next|\.data|test-results|playwright-report)\/|^\.env$|^\.env\.local$/.test(f));
    expect(bad).toEqual([]);
  });
});
