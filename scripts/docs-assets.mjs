// Copies the API reference's browser script (@scalar/api-reference, pinned in package.json) into the Worker's static
// assets, so the 4.8 MB script is served by Cloudflare's asset layer and never sits in the Worker that serves checkout.
// Runs on `npm install` (postinstall); plain Node, because it runs before anything else is known to work.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";

const from = new URL("../node_modules/@scalar/api-reference/dist/browser/standalone.js", import.meta.url);
const to = new URL("../assets/docs/", import.meta.url);
const version = JSON.parse(readFileSync(new URL("../node_modules/@scalar/api-reference/package.json", import.meta.url), "utf8")).version;
mkdirSync(to, { recursive: true });
copyFileSync(from, new URL("scalar.js", to));
console.log(`docs assets: @scalar/api-reference ${version} → assets/docs/scalar.js`);
