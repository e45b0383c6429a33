// Writes openapi/openapi.json from the route definitions. `npm run openapi` then regenerates the typed client's types.
import { writeFileSync } from "node:fs";
import { app, openApiDocument } from "../src/app";

const document = openApiDocument(app);
writeFileSync(new URL("../openapi/openapi.json", import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
console.log(`openapi/openapi.json: ${Object.keys(document.paths ?? {}).length} paths`);
