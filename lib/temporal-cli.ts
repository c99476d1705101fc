// Finds or builds the Temporal CLI, which contains the dev server (SQLite persistence + Web UI).
// It builds from the Go module proxy, since nothing else can be downloaded on our machines.
import { spawn } from "node:child_process";
import { access, constants, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Config } from "./config.js";

export const TEMPORAL_CLI_VERSION = "v1.5.1";
const MODULE = "github.com/temporalio/cli/cmd/temporal";

type Log = (line: string) => void;

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function cachedCliPath(temporal: Config["temporal"]): string {
  return path.join(temporal.cacheDir, `temporal-${TEMPORAL_CLI_VERSION}`, "temporal");
}

/** The CLI to use: TEMPORAL_CLI when set, else the cached build, else a fresh build into the cache. */
export async function resolveTemporalCli(temporal: Config["temporal"], log: Log): Promise<string> {
  if (temporal.cliPath) {
    if (!(await isExecutable(temporal.cliPath))) {
      throw new Error(`TEMPORAL_CLI=${temporal.cliPath} is not an executable file`);
    }
    return temporal.cliPath;
  }
  const cached = cachedCliPath(temporal);
  if (await isExecutable(cached)) return cached;
  await buildTemporalCli(path.dirname(cached), log);
  return cached;
}

async function buildTemporalCli(binDir: string, log: Log): Promise<void> {
  await mkdir(binDir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${binDir}.`);
  log("A first build downloads about 300 Go modules and compiles them: expect 5–10 minutes on 2 cores.");
  log("Later starts reuse the binary. Set TEMPORAL_CLI to use an existing temporal binary instead.");
  const started = Date.now();
  let downloaded = 0;
  const child = spawn("go", ["install", `${MODULE}@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: binDir, GOTOOLCHAIN: "local", CGO_ENABLED: process.env.CGO_ENABLED ?? "0" },
    stdio: ["ignore", "inherit", "pipe"],
  });
  let errorTail = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    for (const line of chunk.split("\n")) {
      if (line.startsWith("go: downloading")) downloaded++;
      else if (line.trim()) errorTail = `${errorTail}\n${line}`.slice(-4000);
    }
  });
  const ticker = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const phase = downloaded > 0 ? `${downloaded} modules downloaded, compiling` : "resolving modules";
    log(`  … still building the Temporal CLI (${seconds}s, ${phase})`);
  }, 15_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) =>
      reject(new Error(`Cannot run "go": ${error.message}. Install Go, or set TEMPORAL_CLI.`)),
    );
    child.on("exit", resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) throw new Error(`go install failed (exit ${code}):${errorTail}`);
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)}s.`);
}
