import { z } from "@hono/zod-openapi";

export const PROVIDERS = ["easypost", "shippo", "own"] as const;

// https only: the Worker sends the merchant's API key there (and a plain-http URL is an easy SSRF/leak target).
const BaseUrl = z
  .string()
  .url()
  .max(300)
  .refine((u) => u.startsWith("https://"), "must be an https:// URL")
  .openapi({ description: "Where the provider's API lives, when not its public address (a sandbox proxy, a local test server)." });
const Ids = z.array(z.string().min(1).max(100)).max(200);

export const CarrierAccountInput = z
  .object({
    provider: z.enum(PROVIDERS),
    name: z.string().trim().min(1).max(100),
    api_key: z.string().min(8).max(500).optional().openapi({ description: "The provider's API key (EasyPost, Shippo). Write-only: never returned, only its last 4 characters." }),
    base_url: BaseUrl.nullable().optional(),
    location_ids: Ids.default([]).openapi({ description: "The locations it ships from; empty: all." }),
    services: z.array(z.string().min(1).max(100)).max(100).default([]).openapi({ description: "The services it may sell (name or token, e.g. `Priority`, `usps_priority`); empty: all." }),
    poll: z.boolean().default(false).openapi({ description: "Track its parcels by polling (the cron), for accounts without tracking webhooks." }),
    active: z.boolean().default(true),
  })
  .strict()
  .openapi("CarrierAccountInput");

export const CarrierAccountPatch = z
  .object({
    name: z.string().trim().min(1).max(100),
    api_key: z.string().min(8).max(500),
    base_url: BaseUrl.nullable(),
    location_ids: Ids,
    services: z.array(z.string().min(1).max(100)).max(100),
    poll: z.boolean(),
    active: z.boolean(),
  })
  .partial()
  .strict()
  .openapi("CarrierAccountPatch");

export const CarrierAccount = z
  .object({
    id: z.string(),
    provider: z.enum(PROVIDERS),
    name: z.string(),
    api_key_hint: z.string().nullable().openapi({ description: "The last 4 characters of the API key; the key itself is never returned." }),
    base_url: z.string().nullable(),
    location_ids: z.array(z.string()),
    services: z.array(z.string()),
    poll: z.boolean(),
    active: z.boolean(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("CarrierAccount");

export const CarrierAccountList = z.object({ data: z.array(CarrierAccount) }).openapi("CarrierAccountList");
