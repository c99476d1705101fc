// A private PostgreSQL server for tests and local runs: Debian's PostgreSQL 15 binaries
// (initdb + pg_ctl) on a data directory of its own and a free port, run as an unprivileged user
// (PostgreSQL refuses to run as root; under root the server runs as `postgres`, else `nobody`).
// No system service is involved. The cluster sorts text by code point (collation C), as on
// SQLite, and classifies characters by Unicode (ctype C.UTF-8): pg_trgm, which indexes the
// workbench's title search, takes only the characters its ctype calls letters or digits, and under
// ctype C no Chinese character is one.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePorts } from "./free-port.js";

const run = promisify(execFile);

/** Where Debian's postgresql-15 package puts the server binaries (POSTGRES_BIN overrides). */
export const POSTGRES_BIN = process.env.POSTGRES_BIN ?? "/usr/lib/postgresql/15/bin";
/** The superuser of the private cluster (trust authentication on 127.0.0.1 only). */
const SUPERUSER = "platform";

export type PostgresServer = {
  port: number;
  /** The postmaster's process id (each connection is served by a child of it). */
  pid: number;
  /** The server's log (its stderr). */
  logFile: string;
  /** A connection URL for `database` on this server. */
  url(database: string): string;
  /** Creates `database` (optionally as a copy of `template`); returns its URL. */
  createDatabase(database: string, template?: string): Promise<string>;
  dropDatabase(database: string): Promise<void>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
};

/** Whether the PostgreSQL binaries are installed. */
export function postgresInstalled(): boolean {
  return existsSync(path.join(POSTGRES_BIN, "initdb"));
}

/** The uid/gid to run the server as when this process is root. */
async function unprivilegedUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    try {
      const { stdout } = await run("id", ["-u", name]);
      const { stdout: gid } = await run("id", ["-g", name]);
      return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
    } catch {}
  }
  throw new Error("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as");
}

/**
 * Starts a private PostgreSQL server under `parentDir` (default: the system temp directory).
 * `durable: false` (tests) turns off fsync and synchronous commit: fast, and a crash loses the
 * cluster, which a test run discards anyway. `settings`: more server settings (`name=value`).
 */
export async function startPostgres(
  options: { parentDir?: string; durable?: boolean; settings?: string[] } = {},
): Promise<PostgresServer> {
  if (!postgresInstalled()) {
    throw new Error(`PostgreSQL 15 is not installed (${POSTGRES_BIN}/initdb): apt-get install postgresql-15`);
  }
  const user = await unprivilegedUser();
  const parent = options.parentDir ?? os.tmpdir();
  await mkdir(parent, { recursive: true });
  // Under /tmp by default: the unprivileged user must reach the directory.
  const dir = await mkdtemp(path.join(parent, "postgres-"));
  const data = path.join(dir, "data");
  await mkdir(data);
  if (user) await chown(dir, user.uid, user.gid).then(() => chown(data, user.uid, user.gid));
  const as = { ...(user ?? {}), env: { ...process.env, LC_ALL: "C" } };
  await run(
    path.join(POSTGRES_BIN, "initdb"),
    ["-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--lc-ctype=C.UTF-8"],
    as,
  );
  const port = (await freePorts(1))[0]!;
  const logFile = path.join(dir, "server.log");
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c max_connections=300",
    ...(options.durable === false
      ? ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
      : []),
    ...(options.settings ?? []).map((setting) => `-c ${setting}`),
  ];
  await run(
    path.join(POSTGRES_BIN, "pg_ctl"),
    ["-D", data, "-l", logFile, "-o", settings.join(" "), "-w", "start"],
    as,
  );
  // First line of postmaster.pid: the postmaster's pid (pg_ctl -w returns once the file is written).
  const pid = Number((await readFile(path.join(data, "postmaster.pid"), "utf8")).split("\n")[0]);
  const url = (database: string) => `postgresql://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  const admin = async <T>(work: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: url("postgres") });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const quoted = (name: string) => {
    if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`unsafe database name: ${name}`);
    return `"${name}"`;
  };
  return {
    port,
    pid,
    logFile,
    url,
    async createDatabase(database, template) {
      await admin((c) =>
        c.query(`CREATE DATABASE ${quoted(database)}${template ? ` TEMPLATE ${quoted(template)}` : ""}`),
      );
      return url(database);
    },
    async dropDatabase(database) {
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`));
    },
    async stop() {
      await run(path.join(POSTGRES_BIN, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], as).catch(
        () => undefined,
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
