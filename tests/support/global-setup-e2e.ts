// End-to-end prerequisites: Chromium (installed with apt-get when missing) and a fresh console build.
import { ensureChromium } from "../../lib/chromium.js";
import { buildConsoleIfStale } from "../../scripts/lib/console-build.js";

export default async function setup() {
  ensureChromium();
  await buildConsoleIfStale(console.log);
}
