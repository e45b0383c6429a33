// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a retry replays the first answer and changes nothing twice.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { admin, client, key, raw } from "../helpers/client";
import { makeLocation, makeProduct, publishableKey, receive, shipTo } from "../helpers/fixtures";

let berlin: string;

beforeAll(async () => {
  berlin = await makeLocation("berlin");
});

async function secretKey(scopes: string[]) {
  const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "clerk", scopes: scopes as never } });
  return data!.key;
}

const movementBody = (sku: string, quantity = 5) => ({ sku, location_id: berlin, kind: "receive", quantity, reason: "purchase_order" });

/** POST /v1/inventory/movements as raw HTTP, so replays can be compared byte for byte. */
const postMovement = (idem: string, body: object, apiKey?: string) =>
  raw(
    "/v1/inventory/movements",
    { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", "idempotency-key": idem } },
    apiKey ?? env.ADMIN_API_KEY!,
  );

async function ledgerOf(sku: string) {
  const { data } = await admin().GET("/v1/locations/{location_id}/inventory/{sku}/ledger", { params: { path: { location_id: berlin, sku } } });
  return data!.data;
}

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(await res.json()).toMatchObject({ status, code });
}

const expireKey = (idem: string) => env.DB.prepare("UPDATE idempotency_keys SET expires_at = ? WHERE key = ?").bind(Date.now() - 1, idem).run();

describe("Idempotency-Key on POST /v1/inventory/movements", () => {
  it("replays the first answer for the same key and body, with idempotent-replayed, and moves stock once", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    const first = await postMovement(idem, movementBody(sku));
    const again = await postMovement(idem, movementBody(sku));
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(await again.text()).toBe(await first.text());
    expect(await ledgerOf(sku)).toMatchObject([{ op: "receive", on_hand_delta: 5, on_hand: 5 }]);
  });

  it("replays an error answer too: a refused adjustment stays refused after stock arrives", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    const take = { sku, location_id: berlin, kind: "adjust", quantity: -3, reason: "damaged" };
    await expectProblem(await postMovement(idem, take), 409, "negative_on_hand");
    await receive(sku, berlin, 10);
    const again = await postMovement(idem, take);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    await expectProblem(again, 409, "negative_on_hand");
    expect((await ledgerOf(sku)).map((e) => e.op)).toEqual(["receive"]);
  });

  it("answers 422 idempotency_key_reused for the same key with another body, and moves nothing more", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    expect((await postMovement(idem, movementBody(sku, 5))).status).toBe(201);
    await expectProblem(await postMovement(idem, movementBody(sku, 6)), 422, "idempotency_key_reused");
    expect(await ledgerOf(sku)).toHaveLength(1);
  });

  it("answers 422 for the same key on another route", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    expect((await postMovement(idem, movementBody(sku))).status).toBe(201);
    const res = await raw("/v1/products", {
      method: "POST",
      body: JSON.stringify({ title: "Mug", variants: [{ sku: `MUG-${idem}`.slice(0, 60), title: "Mug", price: { amount: 900, currency: "EUR" } }] }),
      headers: { "content-type": "application/json", "idempotency-key": idem },
    });
    await expectProblem(res, 422, "idempotency_key_reused");
  });

  it("keeps keys per caller: two API keys sending the same key make two movements", async () => {
    const [sku] = await makeProduct([100]);
    const clerk = await secretKey(["inventory:write"]);
    const idem = key();
    const mine = await postMovement(idem, movementBody(sku));
    const theirs = await postMovement(idem, movementBody(sku), clerk);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect((await ledgerOf(sku)).map((e) => e.on_hand)).toEqual([5, 10]);
  });

  it("lets exactly one of 5 concurrent requests with one key move stock; the others wait (409) or replay", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    const responses = await Promise.all(Array.from({ length: 5 }, () => postMovement(idem, movementBody(sku))));
    const answers = await Promise.all(responses.map(async (r) => ({ r, body: await r.json<{ code?: string }>() })));
    const fresh = answers.filter(({ r }) => r.status === 201 && !r.headers.get("idempotent-replayed"));
    expect(fresh).toHaveLength(1);
    for (const { r, body } of answers) {
      if (r === fresh[0].r) continue;
      if (r.status === 409) expect(body).toMatchObject({ code: "idempotency_key_in_use" });
      else expect({ status: r.status, replayed: r.headers.get("idempotent-replayed"), body }).toEqual({ status: 201, replayed: "true", body: fresh[0].body });
    }
    expect(await ledgerOf(sku)).toHaveLength(1);
  });

  it("does not spend the key on a 400: the corrected retry with the same key goes through", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    await expectProblem(await postMovement(idem, movementBody(sku, 0)), 400, "validation_failed");
    const fixed = await postMovement(idem, movementBody(sku, 2));
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
    expect(await ledgerOf(sku)).toMatchObject([{ on_hand: 2 }]);
  });

  it("does not spend the key on a 415: the retry as application/json goes through", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    const asText = await raw("/v1/inventory/movements", {
      method: "POST",
      body: JSON.stringify(movementBody(sku)),
      headers: { "content-type": "text/plain", "idempotency-key": idem },
    });
    await expectProblem(asText, 415, "unsupported_media_type");
    const asJson = await postMovement(idem, movementBody(sku));
    expect(asJson.status).toBe(201);
    expect(await ledgerOf(sku)).toHaveLength(1);
  });

  it("treats a key older than 24 h as new", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    expect((await postMovement(idem, movementBody(sku))).status).toBe(201);
    await expireKey(idem);
    const later = await postMovement(idem, movementBody(sku));
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect((await ledgerOf(sku)).map((e) => e.on_hand)).toEqual([5, 10]);
  });

  it("lets an expired key carry another body", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    expect((await postMovement(idem, movementBody(sku, 5))).status).toBe(201);
    await expireKey(idem);
    expect((await postMovement(idem, movementBody(sku, 7))).status).toBe(201);
    expect((await ledgerOf(sku)).map((e) => e.on_hand)).toEqual([5, 12]);
  });

  it("moves stock once when a request is retried after its worker died before answering", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    expect((await postMovement(idem, movementBody(sku))).status).toBe(201);
    // As if the worker died after the cell moved the stock but before the answer was stored.
    await env.DB.prepare("UPDATE idempotency_keys SET state = 'processing', response_body = NULL, locked_until = ? WHERE key = ?")
      .bind(Date.now() - 1, idem)
      .run();
    const retry = await postMovement(idem, movementBody(sku));
    expect(retry.status).toBe(201);
    expect(await ledgerOf(sku)).toMatchObject([{ on_hand: 5 }]);
  });

  it("moves stock once when a request that failed with a 500 after moving it is retried", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    // The read model cannot be written: the cell moves the stock, then the request fails.
    await env.DB.exec("ALTER TABLE inventory_levels RENAME TO inventory_levels_away");
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const failed = await postMovement(idem, movementBody(sku)).finally(() => {
      quiet.mockRestore();
      return env.DB.exec("ALTER TABLE inventory_levels_away RENAME TO inventory_levels");
    });
    expect(failed.status).toBe(500);
    expect(await failed.text()).not.toContain("inventory_levels");
    const retry = await postMovement(idem, movementBody(sku));
    expect(retry.status).toBe(201);
    expect(await ledgerOf(sku)).toMatchObject([{ on_hand: 5 }]);
  });

  it("answers 409 idempotency_key_in_use while the first request still runs", async () => {
    const [sku] = await makeProduct([100]);
    const idem = key();
    expect((await postMovement(idem, movementBody(sku))).status).toBe(201);
    await env.DB.prepare("UPDATE idempotency_keys SET state = 'processing', locked_until = ? WHERE key = ?").bind(Date.now() + 60_000, idem).run();
    await expectProblem(await postMovement(idem, movementBody(sku)), 409, "idempotency_key_in_use");
  });

  it("refuses a key longer than 255 characters with 400 naming the header", async () => {
    const [sku] = await makeProduct([100]);
    const res = await postMovement("k".repeat(256), movementBody(sku));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "validation_failed", errors: [{ field: "header.idempotency-key" }] });
    expect(await ledgerOf(sku)).toHaveLength(0);
  });
});

describe("Idempotency-Key on POST /v1/checkouts", () => {
  let pk: string;
  beforeAll(async () => {
    pk = await publishableKey();
  });

  const cart = async (email: string) => {
    const [sku] = await makeProduct([1500]);
    await receive(sku, berlin, 10);
    return { sku, body: { email, currency: "EUR", lines: [{ sku, quantity: 2 }], shipping_address: shipTo("berlin") } };
  };
  const post = (idem: string, body: object, apiKey = pk) =>
    raw("/v1/checkouts", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json", "idempotency-key": idem } }, apiKey);
  const ordersFor = async (email: string) =>
    (await env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE email = ?").bind(email).first<{ n: number }>())!.n;
  const heldAt = async (sku: string) => {
    const { data } = await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } });
    return data!.held;
  };
  let n = 0;
  const email = () => `shopper${++n}@example.com`;

  it("replays the order for the same key and body: one order row, stock held once", async () => {
    const who = email();
    const { sku, body } = await cart(who);
    const idem = key();
    const first = await post(idem, body);
    const again = await post(idem, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.text()).toBe(await first.text());
    expect(await ordersFor(who)).toBe(1);
    expect(await heldAt(sku)).toBe(2);
  });

  it("answers 422 idempotency_key_reused for the same key with another cart", async () => {
    const who = email();
    const { body } = await cart(who);
    const idem = key();
    expect((await post(idem, body)).status).toBe(201);
    await expectProblem(await post(idem, { ...body, lines: [{ ...body.lines[0], quantity: 3 }] }), 422, "idempotency_key_reused");
    expect(await ordersFor(who)).toBe(1);
  });

  it("keeps keys per caller: two storefronts sending the same key place two orders", async () => {
    const who = email();
    const { sku, body } = await cart(who);
    const otherShop = await publishableKey();
    const idem = key();
    expect((await post(idem, body)).status).toBe(201);
    const theirs = await post(idem, body, otherShop);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(await ordersFor(who)).toBe(2);
    expect(await heldAt(sku)).toBe(4);
  });

  it("places one order when 5 requests with one key race", async () => {
    const who = email();
    const { sku, body } = await cart(who);
    const idem = key();
    const responses = await Promise.all(Array.from({ length: 5 }, () => post(idem, body)));
    const statuses = responses.map((r) => (r.headers.get("idempotent-replayed") ? "replay" : r.status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409 || s === "replay")).toBe(true);
    for (const r of responses.filter((r) => r.status === 409)) expect(await r.json()).toMatchObject({ code: "idempotency_key_in_use" });
    expect(await ordersFor(who)).toBe(1);
    expect(await heldAt(sku)).toBe(2);
  });

  it("does not spend the key on a 400: the corrected cart goes through with the same key", async () => {
    const who = email();
    const { body } = await cart(who);
    const idem = key();
    await expectProblem(await post(idem, { ...body, email: "not-an-email" }), 400, "validation_failed");
    const fixed = await post(idem, body);
    expect(fixed.status).toBe(201);
    expect(fixed.headers.get("idempotent-replayed")).toBeNull();
    expect(await ordersFor(who)).toBe(1);
  });

  it("treats a key older than 24 h as new: a second order", async () => {
    const who = email();
    const { sku, body } = await cart(who);
    const idem = key();
    const first = await post(idem, body);
    expect(first.status).toBe(201);
    await expireKey(idem);
    const later = await post(idem, body);
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect((await later.json<{ id: string }>()).id).not.toBe((await first.json<{ id: string }>()).id);
    expect(await ordersFor(who)).toBe(2);
    expect(await heldAt(sku)).toBe(4);
  });

  it("needs the key: 400 idempotency_key_required, and no order", async () => {
    const who = email();
    const { body } = await cart(who);
    const res = await client(pk).POST("/v1/checkouts", { body: body as never, params: { header: {} as never } });
    expect(res.response.status).toBe(400);
    expect(res.error).toMatchObject({ code: "idempotency_key_required", errors: [{ field: "header.idempotency-key" }] });
    expect(await ordersFor(who)).toBe(0);
  });
});
