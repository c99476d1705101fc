// `npm run temporal:provision`: finds or builds the Temporal CLI (dev server + Web UI).
import { loadConfigOrExit } from "../lib/config.js";
import { resolveTemporalCli } from "../lib/temporal-cli.js";

const started = Date.now();
const cli = await resolveTemporalCli(loadConfigOrExit().temporal, (line) => console.log(line));
console.log(`Temporal CLI: ${cli} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
