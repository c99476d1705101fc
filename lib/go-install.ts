// Builds Go programs from the Go module proxy into a cache directory (`go install` with GOBIN), since
// nothing else can be downloaded on our machines. Used for the Temporal CLI (dev server) and the
// Temporal server and its SQL schema tool (the cluster stack).
import { spawn } from "node:child_process";
import { access, constants, mkdir } from "node:fs/promises";

/** Receives one progress line at a time. */
export type Log = (line: string) => void;

/** Whether `file` exists and may be executed. */
export async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * `go install <packages…>@<version>` into `binDir` (each binary named after its package's last path
 * element). `label` names the build in progress lines, logged every 15 s. Throws when `go` is missing
 * or the build fails (with the tail of its error output).
 */
export async function goInstall(options: {
  packages: string[];
  version: string;
  binDir: string;
  label: string;
  log: Log;
  /** CGO_ENABLED when the environment sets none; unset: Go's default (on where a C compiler is). */
  cgo?: "0" | "1";
}): Promise<void> {
  const { packages, version, binDir, label, log } = options;
  const cgo = process.env.CGO_ENABLED ?? options.cgo;
  await mkdir(binDir, { recursive: true });
  const started = Date.now();
  let downloaded = 0;
  const child = spawn("go", ["install", ...packages.map((p) => `${p}@${version}`)], {
    env: { ...process.env, GOBIN: binDir, GOTOOLCHAIN: "local", ...(cgo ? { CGO_ENABLED: cgo } : {}) },
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
    log(`  … still building ${label} (${seconds}s, ${phase})`);
  }, 15_000);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (error) => reject(new Error(`Cannot run "go": ${error.message}. Install Go.`)));
    child.on("exit", resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0) throw new Error(`go install failed (exit ${code}):${errorTail}`);
  log(`${label} built in ${Math.round((Date.now() - started) / 1000)}s.`);
}
