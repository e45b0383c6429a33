// The typed client for edge-oms, generated types in ./schema.d.ts (`npm run openapi`). The tests use it too.
import createClient from "openapi-fetch";
import type { paths } from "./schema";

export type { components, paths } from "./schema";

export interface ClientOptions {
  baseUrl: string;
  /** sk_… for admin routes, pk_… for storefront routes. */
  apiKey?: string;
  fetch?: (request: Request) => Promise<Response>;
}

export function createOmsClient({ baseUrl, apiKey, fetch }: ClientOptions) {
  return createClient<paths>({
    baseUrl,
    fetch,
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
}

export type OmsClient = ReturnType<typeof createOmsClient>;
