// Channels that take stock, written straight into D1 (the channel API is not what these tests are about), and what
// their inventory endpoints (boxes of test/receiver.ts) received.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { newId } from "../../src/domain/ids";
import { generateSecret } from "../../src/webhooks/signature";
import { admin, client, key } from "../helpers/client";
import { shipTo } from "../helpers/fixtures";

export const wait = { timeout: 20_000, interval: 100 };

export const newBox = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`;
export const boxUrl = (box: string, status = 204) => `https://receiver.test/hooks/${box}?status=${status}`;

export interface Received {
  headers: Record<string, string>;
  body: string;
  at: number;
}
export const received = async (box: string) => (await fetch(`https://receiver.test/boxes/${box}`)).json<Received[]>();
/** The JSON bodies a box received, in arrival order. */
export const bodies = async <T = Record<string, unknown>>(box: string) => (await received(box)).map((r) => JSON.parse(r.body) as T);

export interface ChannelSetup {
  kind?: string;
  url: string | null;
  secret?: string | null;
  credentials?: Record<string, unknown>;
  bufferUnits?: number;
  bufferPercent?: number;
  mappings?: { externalSku: string; sku: string; inventoryId?: string | null }[];
}

export async function makeChannel(setup: ChannelSetup) {
  const id = newId("ch");
  const secret = setup.secret === undefined ? generateSecret() : setup.secret;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO channels (id, code, name, kind, active, credentials, webhook_secret, inventory_url, stock_buffer_units, stock_buffer_percent, created_at, updated_at)
       VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)`,
    ).bind(
      id,
      id.slice(-20).toLowerCase(),
      "Test channel",
      setup.kind ?? "marketplace",
      setup.credentials ? JSON.stringify(setup.credentials) : null,
      secret,
      setup.url,
      setup.bufferUnits ?? 0,
      setup.bufferPercent ?? 0,
      now,
      now,
    ),
    ...(setup.mappings ?? []).map((m) =>
      env.DB.prepare("INSERT INTO channel_skus (channel_id, external_sku, sku, external_inventory_id) VALUES (?, ?, ?, ?)").bind(id, m.externalSku, m.sku, m.inventoryId ?? null),
    ),
  ]);
  return { id, secret };
}

export const setChannel = (id: string, set: { inventory_url?: string | null; active?: number; stock_buffer_units?: number }) =>
  env.DB.prepare(`UPDATE channels SET ${Object.keys(set).map((k) => `${k} = ?`).join(", ")} WHERE id = ?`).bind(...Object.values(set), id).run();

/** Channels of earlier tests would otherwise hear of every later test's stock. */
export const deactivateChannels = () => env.DB.prepare("UPDATE channels SET active = 0 WHERE id != 'ch_web'").run();

export interface DeliveryRow {
  id: string;
  external_sku: string;
  sequence: number;
  available: number;
  reason: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
}

export const deliveriesOf = (channelId: string) =>
  env.DB.prepare("SELECT * FROM stock_deliveries WHERE channel_id = ? ORDER BY sequence, external_sku")
    .bind(channelId)
    .all<DeliveryRow>()
    .then((r) => r.results);

/** An unpaid storefront checkout of `qty` units: the units are held, so available-to-promise goes down. */
export async function sell(pk: string, sku: string, qty = 1) {
  const res = await client(pk).POST("/v1/checkouts", {
    params: { header: { "idempotency-key": key("sale") } },
    body: { email: "shopper@example.com", currency: "EUR", lines: [{ sku, quantity: qty }], shipping_address: shipTo("berlin") },
  });
  expect(res.response.status).toBe(201);
}

/** A projection row as a cell would publish it, without a cell: the job reads only D1, and no cell publishes behind the test's back. */
export function level(sku: string, locationId: string, available: number, version: number) {
  return env.DB.prepare(
    `INSERT INTO inventory_levels (sku, location_id, on_hand, held, committed, safety_stock, available, low_stock_threshold, allow_backorder, backorder_limit, version, updated_at)
     VALUES (?1, ?2, ?3, 0, 0, 0, ?3, NULL, 0, NULL, ?4, ?5)
     ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand, available = excluded.available, version = excluded.version, updated_at = excluded.updated_at`,
  )
    .bind(sku, locationId, available, version, Date.now())
    .run();
}

export const updatesPage = (channelId: string, query: { sku?: string; status?: "pending" | "succeeded" | "failed" | "superseded" } = {}) =>
  admin().GET("/v1/channels/{id}/stock-updates", { params: { path: { id: channelId }, query } });
