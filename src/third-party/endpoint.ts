// A 3PL or drop-ship location's fulfillment endpoint: where its shipments are requested, the secret that signs the
// requests (write-only: never answered back), and how long it has to confirm one.
import type { Env } from "../env";
import { conflict, notFound, unprocessable } from "../http/problem";
import { getLocation } from "../locations/store";
import { checkWebhookUrl } from "../webhooks/url-policy";
import type { ThirdPartyEndpointInput, ThirdPartyEndpointView } from "./schemas";

interface EndpointRow {
  location_id: string;
  url: string;
  confirm_within_hours: number;
  created_at: number;
  updated_at: number;
}

const present = (r: EndpointRow): ThirdPartyEndpointView => ({ ...r, secret_set: true });

async function thirdPartyLocation(db: D1Database, locationId: string) {
  const location = await getLocation(db, locationId);
  if (!location) throw notFound("location_not_found", `No location has the id ${locationId}.`);
  if (location.kind !== "3pl") throw conflict("not_a_3pl_location", "Only a location of kind 3pl has a fulfillment endpoint.", { kind: location.kind });
  return location;
}

export async function endpointOr404(db: D1Database, locationId: string) {
  await thirdPartyLocation(db, locationId);
  const row = await db.prepare("SELECT location_id, url, confirm_within_hours, created_at, updated_at FROM third_party_endpoints WHERE location_id = ?").bind(locationId).first<EndpointRow>();
  if (!row) throw notFound("third_party_endpoint_not_found", "This location has no fulfillment endpoint yet.");
  return present(row);
}

export async function setEndpoint(env: Env, locationId: string, input: ThirdPartyEndpointInput) {
  await thirdPartyLocation(env.DB, locationId);
  const verdict = checkWebhookUrl(input.url, env.ENVIRONMENT);
  if (!verdict.ok) throw unprocessable("url_not_allowed", verdict.reason, { errors: [{ field: "body.url", message: verdict.reason }] });
  const existing = await env.DB.prepare("SELECT 1 FROM third_party_endpoints WHERE location_id = ?").bind(locationId).first();
  if (!existing && !input.secret)
    throw unprocessable("secret_required", "A new endpoint needs its signing secret.", { errors: [{ field: "body.secret", message: "Required for a new endpoint" }] });
  const now = Date.now();
  // The secret is only replaced when one is sent: a change of URL or deadline keeps the one the 3PL has.
  await env.DB.prepare(
    `INSERT INTO third_party_endpoints (location_id, url, secret, confirm_within_hours, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)
     ON CONFLICT (location_id) DO UPDATE SET url = excluded.url, secret = COALESCE(?6, secret), confirm_within_hours = excluded.confirm_within_hours, updated_at = excluded.updated_at`,
  )
    .bind(locationId, verdict.url, input.secret ?? "", input.confirm_within_hours, now, input.secret ?? null)
    .run();
  return endpointOr404(env.DB, locationId);
}
