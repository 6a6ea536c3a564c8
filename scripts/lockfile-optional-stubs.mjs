#!/usr/bin/env node
/**
 * The npm registry mirror this project is built on does not serve some other platforms' optional
 * binaries (for example @next/swc-darwin-arm64), so `npm install` leaves them out of
 * package-lock.json and `npm ci` then refuses the lockfile as out of sync. This adds a minimal
 * entry (name, version, optional, os/cpu) for every optional dependency a locked package declares
 * but the lockfile lacks. npm skips them on other platforms; on their own platform npm fetches them
 * by version. Run after `npm install`: `node scripts/lockfile-optional-stubs.mjs`.
 */
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "netbsd", "sunos", "aix", "openharmony"];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];

function guess(name, list) {
  const parts = name.split("/").pop().split("-");
  return list.filter((x) => parts.includes(x) || (x === "arm" && parts.some((p) => p === "arm" || p.startsWith("armv"))));
}

let added = 0;
for (const [where, pkg] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const prefix = where === "" ? "" : `${where}/`;
    if (packages[`${prefix}node_modules/${name}`] || packages[`node_modules/${name}`]) continue;
    const version = String(range).replace(/^[\^~=]/, "");
    const entry = { version, optional: true };
    const os = guess(name, OS);
    const cpu = guess(name, CPU);
    if (os.length) entry.os = os;
    if (cpu.length) entry.cpu = cpu;
    packages[`node_modules/${name}`] = entry;
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`added ${added} optional platform stub(s) to package-lock.json`);
