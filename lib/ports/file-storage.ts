// File storage port for uploaded materials; the dev adapter keeps files on local disk under data/.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export interface FileStorage {
  put(key: string, content: Uint8Array): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Removes the file; a file already gone is no error. */
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9/_.-]*$/;

export function createLocalFileStorage(rootDir: string): FileStorage {
  const resolve = (key: string) => {
    if (!SAFE_KEY.test(key) || key.includes("..")) throw new Error(`Unsafe storage key: ${key}`);
    return path.join(rootDir, key);
  };
  return {
    async put(key, content) {
      const file = resolve(key);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under the final name.
      const temporary = `${file}.partial`;
      await writeFile(temporary, content);
      await rename(temporary, file);
    },
    get(key) {
      return readFile(resolve(key));
    },
    async remove(key) {
      await rm(resolve(key), { force: true });
    },
  };
}
