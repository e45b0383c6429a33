// Delivery promises through the API: the merchant sets transit times and a location's calendar, availability answers
// an estimated delivery day for a destination, and checkout stores the promise on the order.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import type { Env } from "../../src/env";
import { admin, BASE, client, key } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

const DAY_MS = 86_400_000;
// Today (UTC) plus n days, as the API writes dates. The calendars below are in UTC and work every day.
const inDays = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString().slice(0, 10);
const endOf = (date: string) => Date.parse(`${date}T00:00:00Z`) + DAY_MS - 1;

let pk: string;
let berlin: string;
let lyon: string;
let store: string;

// Every day is a working day, and the cut-off is midnight: whatever the hour of the run, parcels leave tomorrow.
const everyDay = { time_zone: "UTC", cutoff: "00:00", working_days: [1, 2, 3, 4, 5, 6, 7], carrier_days: [1, 2, 3, 4, 5, 6, 7], holidays: [] as string[] };

const putCalendar = (location_id: string, body: typeof everyDay) =>
  admin().PUT("/v1/locations/{location_id}/delivery-calendar", { params: { path: { location_id } }, body });

const transit = (carrier: string, service: string, country: string, days: number, more: { speed?: "standard" | "express"; location_id?: string | null; postal_prefix?: string | null } = {}) => ({
  carrier,
  service,
  speed: more.speed ?? "standard",
  location_id: more.location_id ?? null,
  country,
  postal_prefix: more.postal_prefix ?? null,
  transit_days: days,
});

async function availability(sku: string, query: { country?: string; postal_code?: string; speed?: "standard" | "express" }) {
  const res = await client(pk).GET("/v1/availability", { params: { query: { sku: [sku], ...query } as never } });
  expect(res.response.status).toBe(200);
  return Object.fromEntries(res.data!.data[0]!.locations.map((l) => [l.location_id, l.estimated_delivery]));
}

beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
  store = await makeLocation("munich", { kind: "store", can_ship: false, can_pickup: true, priority: 3 });
});

describe("delivery settings", () => {
  it("stores the transit table and a location's calendar, with the default until one is set", async () => {
    const before = await admin().GET("/v1/locations/{location_id}/delivery-calendar", { params: { path: { location_id: lyon } } });
    expect(before.data).toEqual({ location_id: lyon, time_zone: "UTC", cutoff: "14:00", working_days: [1, 2, 3, 4, 5], carrier_days: [1, 2, 3, 4, 5], holidays: [], is_default: true });

    const put = await putCalendar(lyon, { ...everyDay, time_zone: "Europe/Paris", cutoff: "15:30", working_days: [5, 1, 2, 1], holidays: ["2026-12-25", "2026-05-01"] });
    expect(put.response.status).toBe(200);
    const got = await admin().GET("/v1/locations/{location_id}/delivery-calendar", { params: { path: { location_id: lyon } } });
    expect(got.data).toEqual({ location_id: lyon, time_zone: "Europe/Paris", cutoff: "15:30", working_days: [1, 2, 5], carrier_days: [1, 2, 3, 4, 5, 6, 7], holidays: ["2026-05-01", "2026-12-25"], is_default: false });

    const table = await admin().PUT("/v1/settings/transit-times", {
      body: { data: [transit("dhl", "Paket", "DE", 2, { postal_prefix: " 1 " }), transit("ups", "Standard", "FR", 3, { location_id: lyon })] },
    });
    expect(table.response.status).toBe(200);
    const read = await admin().GET("/v1/settings/transit-times");
    expect(read.data!.data).toEqual([transit("dhl", "Paket", "DE", 2, { postal_prefix: "1" }), transit("ups", "Standard", "FR", 3, { location_id: lyon })]);
  });

  it("refuses a calendar it cannot use and rows for unknown locations", async () => {
    const badZone = await putCalendar(lyon, { ...everyDay, time_zone: "Mars/Olympus" });
    expect(badZone.response.status).toBe(400);
    const noDays = await putCalendar(lyon, { ...everyDay, working_days: [] });
    expect(noDays.response.status).toBe(400);
    const badCutoff = await putCalendar(lyon, { ...everyDay, cutoff: "25:00" });
    expect(badCutoff.response.status).toBe(400);
    const unknown = await putCalendar("loc_nope", everyDay);
    expect(unknown.response.status).toBe(404);
    const row = await admin().PUT("/v1/settings/transit-times", { body: { data: [transit("dhl", "Paket", "DE", 2, { location_id: "loc_nope" })] } });
    expect(row.response.status).toBe(404);
    const twice = await admin().PUT("/v1/settings/transit-times", { body: { data: [transit("dhl", "Paket", "DE", 2), transit("dhl", "Paket", "DE", 4)] } });
    expect(twice.response.status).toBe(400);
    // Nothing of the refused requests was stored.
    expect((await admin().GET("/v1/settings/transit-times")).data!.data).toHaveLength(2);
  });
});

describe("estimated delivery in availability", () => {
  it("answers a day per shipping location for the destination, from the most specific row, the slowest service", async () => {
    await putCalendar(berlin, everyDay);
    await putCalendar(lyon, everyDay);
    await admin().PUT("/v1/settings/transit-times", {
      body: {
        data: [
          transit("dhl", "Paket", "DE", 3),
          transit("dhl", "Paket", "DE", 1, { postal_prefix: "1" }),
          transit("ups", "Standard", "DE", 2, { postal_prefix: "12" }),
          transit("dhl", "Paket", "DE", 5, { location_id: lyon }),
          transit("dhl", "Express", "DE", 0, { speed: "express" }),
        ],
      },
    });
    const [sku] = await makeProduct([500]);
    await receive(sku, berlin, 2);
    await receive(sku, lyon, 2);
    await receive(sku, store, 2);

    // Berlin to 12345: DHL by its "1" row (1 day), UPS by its "12" row (2 days): the promise keeps both, so 2.
    // Lyon has its own DHL row (5 days); UPS from anywhere (2). The store does not ship.
    expect(await availability(sku, { country: "DE", postal_code: "12345" })).toEqual({ [berlin]: inDays(1 + 2), [lyon]: inDays(1 + 5), [store]: null });
    // Another postcode: only DHL's country row serves it from Berlin.
    expect(await availability(sku, { country: "DE", postal_code: "80331" })).toEqual({ [berlin]: inDays(1 + 3), [lyon]: inDays(1 + 5), [store]: null });
    expect(await availability(sku, { country: "DE", speed: "express" })).toEqual({ [berlin]: inDays(1), [lyon]: inDays(1), [store]: null });
    // No transit time to France: no estimate. Without a destination the field is not there at all.
    expect(await availability(sku, { country: "FR" })).toEqual({ [berlin]: null, [lyon]: null, [store]: null });
    const plain = await client(pk).GET("/v1/availability", { params: { query: { sku: [sku] } as never } });
    expect(plain.data!.data[0]!.locations.every((l) => !("estimated_delivery" in l))).toBe(true);
  });

  it("follows a calendar change at once in this isolate: a holiday tomorrow moves the day", async () => {
    const [sku] = await makeProduct([500]);
    await receive(sku, berlin, 1);
    await admin().PUT("/v1/settings/transit-times", { body: { data: [transit("dhl", "Paket", "DE", 2)] } });
    expect(await availability(sku, { country: "DE" })).toEqual({ [berlin]: inDays(3) });
    await putCalendar(berlin, { ...everyDay, holidays: [inDays(1)] });
    // Leaves the day after the holiday; transit skips no further day.
    expect(await availability(sku, { country: "DE" })).toEqual({ [berlin]: inDays(4) });
    await putCalendar(berlin, everyDay);
  });
});

describe("the promise on the order", () => {
  it("stores the end of the latest delivery day over the order's locations, and none for pickup or an unserved address", async () => {
    await admin().PUT("/v1/settings/transit-times", { body: { data: [transit("dhl", "Paket", "DE", 2), transit("dhl", "Paket", "DE", 4, { location_id: lyon })] } });
    const [sku] = await makeProduct([700]);
    await receive(sku, berlin, 1);
    await receive(sku, lyon, 1);
    await receive(sku, store, 1);
    const checkout = (body: object) =>
      client(pk).POST("/v1/checkouts", { params: { header: { "idempotency-key": key() } }, body: { email: "p@example.com", currency: "EUR", ...body } as never });

    // One unit from Berlin (2 days), one from Lyon (4): the order is delivered when its last parcel is.
    const split = await checkout({ lines: [{ sku, quantity: 2 }], shipping_address: shipTo("berlin") });
    expect(split.response.status).toBe(201);
    expect(split.data!.promised_delivery_at).toBe(endOf(inDays(1 + 4)));
    const stored = await admin().GET("/v1/orders/{id}", { params: { path: { id: split.data!.id } } });
    expect(stored.data!.promised_delivery_at).toBe(endOf(inDays(1 + 4)));

    const pickup = await checkout({ lines: [{ sku, quantity: 1 }], pickup_location_id: store });
    expect(pickup.response.status).toBe(201);
    expect(pickup.data!.promised_delivery_at).toBeNull();

    const [other] = await makeProduct([700]);
    await receive(other, berlin, 1);
    const france = await checkout({ lines: [{ sku: other, quantity: 1 }], shipping_address: shipTo("lyon") });
    expect(france.response.status).toBe(201);
    expect(france.data!.promised_delivery_at).toBeNull();
  });
});

/** The app in-process with env.DB watched: how many statements it prepares that read the delivery settings. */
async function settingsReads(path: string, init: RequestInit) {
  const seen: string[] = [];
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare")
        return (q: string) => {
          if (/transit_times|location_calendars/.test(q)) seen.push(q);
          return target.prepare(q);
        };
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  const ctx = createExecutionContext();
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${pk}`);
  const res = await app.fetch(new Request(`${BASE}${path}`, { ...init, headers }), { ...env, DB } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return { status: res.status, body: await res.json<{ data: { locations: { estimated_delivery?: string | null }[] }[] }>(), reads: seen.length };
}

describe("the settings cache", () => {
  it("lets a warm availability call and a warm checkout estimate without reading the settings from D1", async () => {
    await admin().PUT("/v1/settings/transit-times", { body: { data: [transit("dhl", "Paket", "DE", 2)] } });
    const [sku] = await makeProduct([300]);
    await receive(sku, berlin, 3);
    const ask = () => settingsReads(`/v1/availability?sku=${sku}&country=DE`, {});
    // The PUT forgot the cache: the first call reads both tables (one batch of two statements), the next ones nothing.
    expect((await ask()).reads).toBe(2);
    const warm = await ask();
    expect(warm).toMatchObject({ status: 200, reads: 0 });
    expect(warm.body.data[0]!.locations[0]!.estimated_delivery).toBe(inDays(3));
    const order = await settingsReads("/v1/checkouts", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key() },
      body: JSON.stringify({ email: "w@example.com", currency: "EUR", lines: [{ sku, quantity: 1 }], shipping_address: shipTo("berlin") }),
    });
    expect(order).toMatchObject({ status: 201, reads: 0, body: { promised_delivery_at: endOf(inDays(3)) } });
  });
});
