// Builds the console (admin-ui) when its build is missing or older than its sources.
import { execFileSync } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

const SOURCES = ["admin-ui/src", "admin-ui/index.html", "admin-ui/vite.config.ts", "domain"];

/** Where the console is built (`api/server.ts` serves admin-ui/dist); CONSOLE_BUILD_DIR lets two
 * end-to-end test runs in one checkout keep apart. */
export const CONSOLE_BUILD_DIR = path.resolve(process.env.CONSOLE_BUILD_DIR ?? "admin-ui/dist");

async function newestMtime(target: string): Promise<number> {
  const info = await stat(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of await readdir(target, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

export async function consoleBuildIsStale(): Promise<boolean> {
  const built = await stat(path.join(CONSOLE_BUILD_DIR, "index.html")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  const sources = await Promise.all(SOURCES.map(newestMtime));
  return sources.some((mtime) => mtime > built);
}

export async function buildConsoleIfStale(log: (line: string) => void): Promise<void> {
  if (!(await consoleBuildIsStale())) return;
  log("building the console (admin-ui)…");
  execFileSync(
    process.execPath,
    [
      "node_modules/vite/bin/vite.js",
      "build",
      "--config",
      "admin-ui/vite.config.ts",
      "--outDir",
      CONSOLE_BUILD_DIR,
      "--emptyOutDir",
      "--logLevel",
      "warn",
    ],
    // Always React's production build: Vite bundles React for NODE_ENV as it finds it, and a test
    // runner's "test" (or an operator's "development") would ship React's development build, which
    // is slower and, under StrictMode, mounts every page twice (each list fetched twice).
    { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
  );
}
