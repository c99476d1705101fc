// How `npm start` (and the bench) run the worker and the API: as plain JavaScript, our TypeScript
// bundled into one file by esbuild (the packages stay in node_modules), built once per version of
// its sources and kept in node_modules/.cache. A worker restarted after a crash then starts without
// tsx's loader and without transforming a few hundred modules again: about half of what it used to
// spend before polling (issue 14 item 2). Should the build fail, the entry runs through tsx as before.
import { createHash, randomUUID } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where the builds are kept: inside the project, so the bundle's package imports resolve as the sources'. */
const prebuiltDir = (root: string) =>
  path.join(root, "node_modules", ".cache", "zc-account-platform", "entries");

/** What a build was made from: each input file (relative to the project) and its content hash. */
type Manifest = { output: string; inputs: Record<string, string> };

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

async function inputsMatch(root: string, inputs: Record<string, string>): Promise<boolean> {
  for (const [file, hash] of Object.entries(inputs)) {
    const content = await readFile(path.join(root, file)).catch(() => undefined);
    if (!content || sha256(content) !== hash) return false;
  }
  return true;
}

/**
 * The plain-JS build of `entry` (a path relative to `root`, the project, e.g. "lib/run-worker.ts"):
 * the cached one when none of the files it was built from changed (a content hash of each, ~10 ms),
 * else a new esbuild bundle (~0.2 s). Returns the build's absolute path; throws when esbuild fails.
 */
export async function prebuiltEntry(entry: string, root = PROJECT_ROOT): Promise<string> {
  const PREBUILT_DIR = prebuiltDir(root);
  // The checkout is part of the name: a build holds its checkout's absolute paths (import.meta.url),
  // and a second checkout whose node_modules links to this one's shares this cache folder.
  const name = `${entry.replace(/\.ts$/, "").replace(/[\\/]/g, "-")}-${sha256(root).slice(0, 8)}`;
  const manifestFile = path.join(PREBUILT_DIR, `${name}.json`);
  const manifest = await readFile(manifestFile, "utf8")
    .then((text) => JSON.parse(text) as Manifest)
    .catch(() => undefined);
  if (manifest && (await inputsMatch(root, manifest.inputs))) {
    const output = path.join(PREBUILT_DIR, manifest.output);
    if (
      await access(output).then(
        () => true,
        () => false,
      )
    )
      return output;
  }

  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        // Each module keeps its own location (file lookups next to it, createRequire), not the bundle's.
        name: "source-import-meta-url",
        setup(builder) {
          builder.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
            const source = await readFile(args.path, "utf8");
            const url = JSON.stringify(pathToFileURL(args.path).href);
            return { contents: source.replace(/\bimport\.meta\.url\b/g, url), loader: "ts" };
          });
        },
      },
    ],
  });
  const code = result.outputFiles[0]!.contents;
  const inputs: Record<string, string> = {};
  for (const file of Object.keys(result.metafile.inputs))
    inputs[file] = sha256(await readFile(path.join(root, file)));
  const output = `${name}-${sha256(Buffer.from(code)).slice(0, 16)}.mjs`;
  await mkdir(PREBUILT_DIR, { recursive: true });
  // Written aside and renamed: a process starting meanwhile never reads half a build.
  const writeAtomically = async (file: string, data: string | Uint8Array) => {
    const partial = `${file}.${randomUUID()}.partial`;
    await writeFile(partial, data);
    await rename(partial, file);
  };
  await writeAtomically(path.join(PREBUILT_DIR, output), code);
  await writeAtomically(manifestFile, JSON.stringify({ output, inputs } satisfies Manifest));
  for (const old of await readdir(PREBUILT_DIR)) {
    if (old.startsWith(`${name}-`) && old.endsWith(".mjs") && old !== output)
      await rm(path.join(PREBUILT_DIR, old), { force: true });
  }
  return path.join(PREBUILT_DIR, output);
}

/**
 * What an entry preloads (`node --require`, which, unlike `--import`, Node also runs in each worker
 * thread): the worker warms the SDK's workflow thread before its first activation (issue 14 item 2).
 */
const ENTRY_PRELOADS: Record<string, string[]> = {
  "lib/run-worker.ts": [path.join(PROJECT_ROOT, "lib", "workflow-thread-preload.cjs")],
};

/**
 * V8 flags of every process run this way (the API, the worker and its standby). V8's memory reducer
 * takes a process whose allocation slows down for one going idle and shrinks its heap with full,
 * compacting collections; at a steady few requests a second it did so in all three, with pauses of up
 * to 36 ms on the worker's main thread and CPU for the idle standby (issue 14 item 2). Old-generation
 * collections still run as the heap grows; what is given up is the shrinking after a load and after
 * start-up, whose garbage stays until one runs (~260 MB more RSS at idle across the three).
 */
export const SERVER_V8_FLAGS = ["--no-memory-reducer"];

/**
 * The `node` arguments that run `entry`: SERVER_V8_FLAGS, its preloads, then its prebuilt plain-JS
 * file, or, should building it fail (reported through `log`), the TypeScript through tsx.
 */
export async function nodeEntryArgs(entry: string, log?: (line: string) => void): Promise<string[]> {
  const preloads = (ENTRY_PRELOADS[entry] ?? []).flatMap((file) => ["--require", file]);
  try {
    return [...SERVER_V8_FLAGS, ...preloads, await prebuiltEntry(entry)];
  } catch (error) {
    log?.(
      `running ${entry} through tsx: its plain-JS build failed (${(error as Error).message.split("\n")[0]})`,
    );
    return [...SERVER_V8_FLAGS, ...preloads, "--import", "tsx", entry];
  }
}
