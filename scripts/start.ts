// `npm start`: the whole product on its embedded default. Temporal dev server (SQLite under data/),
// migrations, seed data, the console build, then the worker and the API (which serves the console).
// Ctrl-C stops everything; all data stays under DATA_DIR for the next start.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../lib/config.js";
import { createDatabase } from "../lib/database.js";
import { resolveTemporalCli } from "../lib/temporal-cli.js";
import { type DevServer, startTemporalDevServer, stopChild } from "../lib/temporal-dev-server.js";
import { seedDemo } from "../prisma/seed/demo.js";
import { seedBaseline } from "../prisma/seed/seed.js";
import { buildConsoleIfStale } from "./lib/console-build.js";
import { submitDemoBindingRequests, submitDemoRegistrations } from "./lib/demo-requests.js";
import { applyMigrations } from "./lib/prisma-cli.js";

const log = (line: string) => console.log(`[start] ${line}`);
const config = loadConfig();
const demo = config.demoData || process.argv.includes("--demo");
const children: ChildProcess[] = [];
let devServer: DevServer | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log("stopping…");
    for (const child of children.reverse()) await stopChild(child);
    await devServer?.stop();
    log(`stopped; data is kept in ${config.dataDir}`);
  }
  process.exit(code);
}
process.once("SIGINT", () => void stopAll(0));
process.once("SIGTERM", () => void stopAll(0));

function startChild(name: string, entry: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", entry], { stdio: "inherit" });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (code ${code}, signal ${signal}); stopping everything.`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

async function waitForApi(): Promise<void> {
  const url = `http://127.0.0.1:${config.port}/api/health`;
  for (let i = 0; i < 240; i++) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The API did not become ready at ${url}`);
}

try {
  const started = Date.now();
  await mkdir(config.dataDir, { recursive: true });
  if (config.temporal.externalAddress) {
    log(
      `using the Temporal cluster at ${config.temporal.externalAddress} (namespace ${config.temporal.namespace})`,
    );
  } else {
    const cliPath = await resolveTemporalCli(config.temporal, log);
    log(`starting the Temporal dev server (SQLite: ${path.join(config.dataDir, "temporal.db")})`);
    devServer = await startTemporalDevServer({
      cliPath,
      dbFile: path.join(config.dataDir, "temporal.db"),
      port: config.temporal.devPort,
      uiPort: config.temporal.uiPort,
      namespace: config.temporal.namespace,
    });
  }
  log("applying database migrations");
  await applyMigrations(config);
  log(demo ? "seeding baseline and demo data" : "seeding baseline data");
  const db = createDatabase(config.databaseUrl);
  const people = await seedBaseline(db, config.seedPassword);
  const demoPeople = demo ? await seedDemo(db, config.seedPassword) : [];
  people.push(...demoPeople);
  await db.$disconnect();
  await buildConsoleIfStale(log);
  startChild("worker", "lib/run-worker.ts");
  startChild("API", "api/server.ts");
  await waitForApi();
  if (demo) {
    const apiUrl = `http://127.0.0.1:${config.port}`;
    await submitDemoRegistrations(apiUrl, log);
    const firstUnit = demoPeople[0]?.unitName;
    if (firstUnit) await submitDemoBindingRequests(apiUrl, firstUnit, config.seedPassword, log);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Ready in ${seconds}s.
  Console and API:  ${config.publicUrl}
  API docs:         ${config.publicUrl}/api/docs
  Temporal Web UI:  ${devServer?.uiUrl ?? "(external cluster)"}
  Data directory:   ${config.dataDir}

  Seeded accounts (password: ${config.seedPassword}; change it with SEED_PASSWORD before the first start):`);
  for (const p of people) console.log(`    ${p.role.padEnd(20)} ${p.idNumber}  ${p.name}  ${p.unitName}`);
  console.log("\n  Press Ctrl-C to stop.\n");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
