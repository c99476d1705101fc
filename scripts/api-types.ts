// Issue 13.9: `npm run api:types` writes the console's API types from the API's OpenAPI document.
import { writeFile } from "node:fs/promises";
import { API_TYPES_FILE, generateApiTypes } from "./lib/api-types.js";

await writeFile(API_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${API_TYPES_FILE}`);
