// The typed client for edge-oms, generated types in ./schema.d.ts (`npm run openapi`). The tests use it too, with
// `check` on: then every answer is validated against the document (./validate.ts) and a mismatch throws.
import createClient from "openapi-fetch";
import type { paths } from "./schema";
import { answersMatchSpec, type CheckOptions, type OpenApiDocument } from "./validate";

export type { components, paths } from "./schema";

export interface ClientOptions {
  baseUrl: string;
  /** sk_… for admin routes, pk_… for storefront routes. */
  apiKey?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Validate every answer against this document (openapi/openapi.json); throws on a mismatch. */
  check?: { document: OpenApiDocument } & CheckOptions;
}

export function createOmsClient({ baseUrl, apiKey, fetch, check }: ClientOptions) {
  const client = createClient<paths>({
    baseUrl,
    fetch,
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
  if (check) client.use(answersMatchSpec(check.document, check));
  return client;
}

export type OmsClient = ReturnType<typeof createOmsClient>;
