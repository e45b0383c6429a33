// How many D1 round trips and InventoryCell calls a warm checkout makes before it answers: its critical path, counted
// so that a change adding one fails here rather than weeks later in a bench. Locally a D1 round trip costs milliseconds
// and D1 answers one at a time; in production each is a trip to the database's region. The bench's floor
// (POST /dev/floor: one cell call + one D1 batch) is counted the same way, as the yardstick.
//
// This is a test of stored behaviour, not of a mock: the worker runs against the real local D1 and the real cells,
// and the orders it writes are read back. The counting is a thin wrapper at the binding level (env.DB's prepare →
// first/run/all/raw, batch, exec; env.INVENTORY's stubs) that forwards every call unchanged and only tallies them, so
// the numbers are what this code costs any D1 and any Durable Object. The app is called in-process with that env
// (app.fetch(request, env, ctx)), through the typed client so the answers are still checked against the spec.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createOmsClient } from "../../openapi/client";
import document from "../../openapi/openapi.json";
import { app } from "../../src/app";
import type { Env } from "../../src/env";
import { admin, BASE, key } from "../helpers/client";
import { called } from "../helpers/operations";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

interface Tally {
  /** D1 round trips: every batch, exec and single statement sent (prepare and bind send nothing). */
  d1: string[];
  /** Calls on InventoryCell stubs, by method. */
  cells: string[];
  /** Calls on the bench floor's object, by method. */
  floor: string[];
}

const tag = (q: string) => q.trim().split(/\s+/).slice(0, 3).join(" ");
const roundTrips = (t: Tally) => t.d1.length;

/** env with its DB and Durable Object namespaces wrapped: every call goes through unchanged and is tallied. */
function countedEnv(): { env: Env; tally: Tally } {
  const tally: Tally = { d1: [], cells: [], floor: [] };
  const unwrapped = new WeakMap<object, D1PreparedStatement>();
  const texts = new WeakMap<object, string>();
  const statement = (s: D1PreparedStatement, text: string): D1PreparedStatement => {
    const wrapped = new Proxy(s, {
      get(target, prop) {
        if (prop === "bind") return (...values: unknown[]) => statement(target.bind(...values), text);
        if (prop === "first" || prop === "run" || prop === "all" || prop === "raw")
          return (...args: unknown[]) => {
            tally.d1.push(`${String(prop)}: ${tag(text)}`);
            return (target[prop] as (...a: unknown[]) => unknown)(...args);
          };
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    unwrapped.set(wrapped, s);
    texts.set(wrapped, text);
    return wrapped;
  };
  const DB = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "prepare") return (q: string) => statement(target.prepare(q), q);
      if (prop === "batch")
        return (list: D1PreparedStatement[]) => {
          tally.d1.push(`batch of ${list.length}: ${tag(texts.get(list[0]) ?? "?")}…`);
          return target.batch(list.map((s) => unwrapped.get(s) ?? s));
        };
      if (prop === "exec")
        return (q: string) => {
          tally.d1.push(`exec: ${tag(q)}`);
          return target.exec(q);
        };
      if (prop === "withSession") throw new Error("round-trips.test: count D1 sessions too before using them");
      const v = Reflect.get(target, prop, target);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  // Typed loosely on purpose: the namespaces' generic stub types are too deep for a pass-through wrapper.
  const namespace = (ns: any, calls: string[]): any =>
    new Proxy(ns, {
      get(target: any, prop: string | symbol) {
        if (prop === "get" || prop === "getByName") {
          return (...args: unknown[]) => {
            const stub = target[prop](...args);
            return new Proxy(stub, {
              get(s: any, method: string | symbol) {
                // Not a thenable; id and name are plain properties, not calls.
                if (method === "then") return undefined;
                if (method === "id" || method === "name") return s[method];
                return (...a: unknown[]) => {
                  calls.push(String(method));
                  return s[method](...a);
                };
              },
            });
          };
        }
        const v = Reflect.get(target, prop, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
  return { env: { ...env, DB, INVENTORY: namespace(env.INVENTORY, tally.cells), FLOOR: env.FLOOR && namespace(env.FLOOR, tally.floor) } as Env, tally };
}

/**
 * The typed client against the app in-process with a counted env. The tally covers the request until its answer,
 * the critical path; what it hands to waitUntil (queue sends) is awaited after the tally is taken.
 */
async function counted<T>(call: (c: ReturnType<typeof createOmsClient>, send: (req: Request) => Promise<Response>) => Promise<T>, apiKey: string) {
  const { env: wrapped, tally } = countedEnv();
  const ctx = createExecutionContext();
  let answered: Tally | undefined;
  const send = async (req: Request) => {
    // As in production, where Cloudflare always sets it: the storefront's reservation window is counted per IP.
    const request = new Request(req);
    request.headers.set("cf-connecting-ip", "203.0.113.7");
    const res = await app.fetch(request, wrapped, ctx);
    answered = { d1: [...tally.d1], cells: [...tally.cells], floor: [...tally.floor] };
    return res;
  };
  const c = createOmsClient({ baseUrl: BASE, apiKey, fetch: send, check: { document, onOperation: (op) => called.add(op) } });
  const result = await call(c, send);
  await waitOnExecutionContext(ctx);
  return { result, tally: answered! };
}

// Not an API operation (development only, not in the document), so not through the typed client.
const floorRequest = () => new Request(`${BASE}/dev/floor`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ any: "thing" }) });

let pk: string;
let berlin: string;
let lyon: string;
beforeAll(async () => {
  pk = await publishableKey();
  berlin = await makeLocation("berlin", { priority: 1 });
  lyon = await makeLocation("lyon", { priority: 2 });
});

const order = (skus: string[], payment?: { amount: number }) => ({
  email: `rt-${Math.random().toString(36).slice(2)}@example.com`,
  currency: "EUR",
  lines: skus.map((sku) => ({ sku, quantity: 1 })),
  shipping_address: shipTo("berlin"),
  ...(payment ? { payment: { provider: "test", reference: `tp_${Math.random().toString(36).slice(2)}`, amount: payment.amount } } : {}),
});

/** One checkout to warm this isolate's caches (key, catalog, stock figures, settings), then the counted one. */
async function warmCheckout(skus: string[], total: number, paid: boolean) {
  const apiKey = paid ? env.ADMIN_API_KEY! : pk;
  const place = (c: ReturnType<typeof createOmsClient>) =>
    c.POST("/v1/checkouts", { params: { header: { "idempotency-key": key("rt") } }, body: order(skus, paid ? { amount: total } : undefined) as never });
  const warm = await counted(place, apiKey);
  expect(warm.result.response.status).toBe(201);
  const { result, tally } = await counted(place, apiKey);
  expect(result.response.status).toBe(201);
  // Stored, not just answered: the order is there with its lines, and its stock is held (or committed) on the cells.
  const stored = await admin().GET("/v1/orders/{id}", { params: { path: { id: result.data!.id } } });
  expect(stored.data).toMatchObject({ id: result.data!.id, number: result.data!.number, payment_status: paid ? "authorized" : "pending" });
  expect(stored.data!.lines.map((l) => l.sku)).toEqual(skus);
  return tally;
}

describe("a checkout's critical path", () => {
  it("the floor (development only): one cell call that writes, one D1 batch; 404 and untouched elsewhere", async () => {
    // The first request of an isolate makes sure of the floor's table; every one after is the floor.
    const first = await counted((_, send) => send(floorRequest()), pk);
    expect(first.result.status).toBe(201);
    const { result, tally } = await counted((_, send) => send(floorRequest()), pk);
    expect(result.status).toBe(201);
    expect(tally).toEqual({ d1: ["batch of 1: INSERT INTO dev_floor_orders…"], cells: [], floor: ["mark"] });
    // Stored: the row it says it wrote is there.
    const { id } = (await result.json()) as { id: string };
    expect(await env.DB.prepare("SELECT id FROM dev_floor_orders WHERE id = ?").bind(id).first()).toEqual({ id });

    // Not part of the API: not in the document, and outside development it is a path nobody serves.
    expect(Object.keys(document.paths)).not.toContain("/dev/floor");
    const { env: wrapped, tally: elsewhere } = countedEnv();
    const refused = await app.fetch(floorRequest(), { ...wrapped, ENVIRONMENT: "production" }, createExecutionContext());
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ code: "route_not_found" });
    expect(elsewhere).toEqual({ d1: [], cells: [], floor: [] });
  });

  // Warm, the checkout's D1 round trips are: the Idempotency-Key's claim (src/http/idempotency.ts); the stock
  // change's record, with an unpaid storefront checkout's reservation count in the same batch; the order's batch.
  // The floor has the last one only. The cells are asked once each, all at once.
  it("unpaid, 1 SKU: 3 D1 round trips, 1 cell call", async () => {
    const [sku] = await makeProduct([1200]);
    await receive(sku, berlin, 50);
    const tally = await warmCheckout([sku], 1200, false);
    expect(roundTrips(tally), tally.d1.join("\n")).toBe(3);
    expect(tally.cells).toEqual(["reserve"]);
  });

  it("unpaid, 3 SKUs: 3 D1 round trips, 3 cell calls", async () => {
    const skus = await makeProduct([500, 600, 700]);
    for (const sku of skus) await receive(sku, berlin, 50);
    const tally = await warmCheckout(skus, 1800, false);
    expect(roundTrips(tally), tally.d1.join("\n")).toBe(3);
    expect(tally.cells).toEqual(["reserve", "reserve", "reserve"]);
  });

  it("paid with the test provider, 1 SKU and 3 SKUs: 3 D1 round trips, one cell call per SKU (committed at once)", async () => {
    const [one] = await makeProduct([1500]);
    const three = await makeProduct([800, 900, 1000]);
    for (const sku of [one, ...three]) await receive(sku, lyon, 50);
    const single = await warmCheckout([one], 1500, true);
    expect(roundTrips(single), single.d1.join("\n")).toBe(3);
    expect(single.cells).toEqual(["reserve"]);
    const several = await warmCheckout(three, 2700, true);
    expect(roundTrips(several), several.d1.join("\n")).toBe(3);
    expect(several.cells).toEqual(["reserve", "reserve", "reserve"]);
  });

  it("over its reservation window, a storefront gets 429 without any cell being asked; its stock change is closed", async () => {
    const shop = await publishableKey();
    const [sku] = await makeProduct([400]);
    await receive(sku, berlin, 50);
    const limits = (body: { max_units_per_checkout: number; max_held_units_per_window: number; window_seconds: number }) =>
      counted((c) => c.PUT("/v1/settings/checkout-limits", { body }), env.ADMIN_API_KEY!);
    expect((await limits({ max_units_per_checkout: 2, max_held_units_per_window: 2, window_seconds: 900 })).result.response.status).toBe(200);
    try {
      const place = (quantity: number) =>
        counted((c) => c.POST("/v1/checkouts", { params: { header: { "idempotency-key": key("rt") } }, body: { ...order([sku]), lines: [{ sku, quantity }] } as never }), shop);
      expect((await place(2)).result.response.status).toBe(201);
      const { result, tally } = await place(1);
      expect(result.response.status).toBe(429);
      expect(result.error).toMatchObject({ code: "too_many_reservations" });
      expect(tally.cells).toEqual([]);
      const stock = await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } });
      expect(stock.data).toMatchObject({ held: 2, available: 48 });
      // The refused checkout's change (the newest for this SKU): closed as abandoned, not left for the sweep.
      const changes = await env.DB.prepare("SELECT state FROM stock_changes WHERE kind = 'checkout' AND reserves LIKE ? ORDER BY created_at, id").bind(`%${sku}%`).all();
      expect(changes.results.map((r) => r.state)).toEqual(["done", "abandoned"]);
    } finally {
      await limits({ max_units_per_checkout: 100, max_held_units_per_window: 500, window_seconds: 900 });
    }
  });
});
