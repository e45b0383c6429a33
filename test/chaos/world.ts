// The chaos test's world: two warehouses shared by every run, and per run fresh SKUs (so runs, and fast-check's
// shrinking re-runs, never see each other's stock), a storefront key and a Shopify channel.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { admin } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive } from "../helpers/fixtures";
import { makeChannel } from "../channels/helpers";

export const PRICES = [2500, 1990, 1200];
export type Place = "berlin" | "lyon";

export interface Shared {
  pk: string;
  channel: string;
  loc: Record<Place, string>;
}

let shared: Promise<Shared> | undefined;
/** Locations, key and channel are made once per test file. */
export const sharedWorld = () =>
  (shared ??= (async () => {
    const [pk, channel, berlin, lyon] = await Promise.all([
      publishableKey(),
      makeChannel("shopify"),
      makeLocation("berlin", { priority: 1 }),
      makeLocation("lyon", { priority: 2 }),
    ]);
    return { pk, channel, loc: { berlin, lyon } };
  })());

export interface Cell {
  sku: string;
  locationId: string;
}

/** Everything one run made or saw: what the checks afterwards compare the OMS with. */
export interface Run {
  id: string;
  shared: Shared;
  /** SKU 0: stock in both places; SKU 1: a little, Berlin only; SKU 2: Lyon with backorders allowed (limit 4). */
  skus: string[];
  cells: Cell[];
  /** Cells where a count found fewer units than were promised: their availability may legitimately be negative. */
  shortCounted: Set<string>;
  /** Orders the OMS said it created (201 or a returned order), with how they were made. */
  orders: { id: string; how: string }[];
  /** Checkouts answered 409 insufficient_stock: no order may carry their key. */
  refused: string[];
  /** Checkouts that failed or died (fault injected): candidates for a retry with the same key. */
  interrupted: { checkoutKey: string; input: unknown; paid: boolean }[];
  /** External ids of channel orders sent (their payloads, to send again). */
  channelOrders: Record<string, unknown>[];
  /** Work started in the background (waitUntil of service calls). */
  background: Promise<unknown>[];
  /** Model violations noticed while running: 5xx answers, unexpected errors. */
  anomalies: string[];
  /** Worth knowing, not a violation: printed with a failure. */
  warnings: string[];
  /** Returns the OMS recorded (201), with their order. */
  returns: { id: string; orderId: string }[];
  /** A trace of what ran, for the failure report. */
  trace: string[];
  seq: number;
}

let runs = 0;
export async function newRun(): Promise<Run> {
  const s = await sharedWorld();
  const skus = await makeProduct(PRICES);
  await Promise.all([receive(skus[0], s.loc.berlin, 4), receive(skus[0], s.loc.lyon, 3), receive(skus[1], s.loc.berlin, 2), receive(skus[2], s.loc.lyon, 1)]);
  const { response } = await admin().PATCH("/v1/locations/{location_id}/inventory/{sku}", {
    params: { path: { location_id: s.loc.lyon, sku: skus[2] } },
    body: { allow_backorder: true, backorder_limit: 4 },
  });
  expect(response.status).toBe(200);
  const cells = skus.flatMap((sku) => [s.loc.berlin, s.loc.lyon].map((locationId) => ({ sku, locationId })));
  return {
    id: `r${++runs}${Date.now().toString(36)}`,
    shared: s,
    skus,
    cells,
    shortCounted: new Set(),
    orders: [],
    refused: [],
    interrupted: [],
    channelOrders: [],
    background: [],
    anomalies: [],
    warnings: [],
    trace: [],
    returns: [],
    seq: 0,
  };
}

export const cellKey = (c: Cell) => `${c.locationId}/${c.sku}`;
export const priceOf = (run: Run, sku: string) => PRICES[run.skus.indexOf(sku)];
export { env };
