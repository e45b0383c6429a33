// @hey-api/openapi-ts: a second, independent generator, so the committed spec is not shaped around one tool
// (test/http/second-client.test.ts places an order through what it generates). `npm run openapi` regenerates it.
import { defineConfig } from "@hey-api/openapi-ts";

export default defineConfig({
  input: "./openapi/openapi.json",
  output: "./openapi/hey-api",
  plugins: ["@hey-api/client-fetch", "@hey-api/typescript", "@hey-api/sdk"],
});
