// `npm run browser:provision`: makes sure headless Chromium is there for the end-to-end tests.
import { ensureChromium } from "../lib/chromium.js";

console.log(`Chromium: ${ensureChromium()}`);
