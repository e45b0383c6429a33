// Tags and internal notes: normalised, limited, versioned, on the timeline, never shown to shoppers.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { admin, client, key, raw } from "../helpers/client";
import { type Desk, detail, email, makeDesk, placeOrder } from "./desk";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
});

const path = (id: string) => ({ params: { path: { id } } });
const setTags = (id: string, tags: string[], expected_version: number) => admin().PUT("/v1/orders/{id}/tags", { ...path(id), body: { tags, expected_version } });
const addNote = (id: string, body: string, expected_version: number) => admin().POST("/v1/orders/{id}/notes", { ...path(id), body: { body, expected_version } });

describe("tags", () => {
  it("are lower-cased, trimmed and deduplicated, and each change is on the timeline", async () => {
    const { order } = await placeOrder(d, { email: email() });
    const res = await setTags(order.id, [" VIP ", "vip", "Gift  Wrap", "b2b"], order.version);
    expect(res.response.status).toBe(200);
    expect(res.data).toMatchObject({ tags: ["vip", "gift wrap", "b2b"], version: order.version + 1 });
    const again = await setTags(order.id, ["b2b", "rush"], res.data!.version);
    expect(again.data!.tags).toEqual(["b2b", "rush"]);
    const changes = again.data!.events.filter((e) => e.type === "order.tags_changed");
    expect(changes.map((e) => e.data)).toEqual([
      { added: ["vip", "gift wrap", "b2b"], removed: [], tags: ["vip", "gift wrap", "b2b"] },
      { added: ["rush"], removed: ["vip", "gift wrap"], tags: ["b2b", "rush"] },
    ]);
    expect(changes.every((e) => e.actor === "api_key:bootstrap")).toBe(true);
    // The index the tag filter reads follows the order's tags.
    const { results } = await env.DB.prepare("SELECT tag FROM order_tags WHERE order_id = ? ORDER BY tag").bind(order.id).all<{ tag: string }>();
    expect(results.map((r) => r.tag)).toEqual(["b2b", "rush"]);
  });

  it("setting the same tags again writes nothing", async () => {
    const { order } = await placeOrder(d, { email: email() });
    const first = await setTags(order.id, ["a", "b"], order.version);
    const same = await setTags(order.id, ["B", "a"], first.data!.version);
    expect(same.response.status).toBe(200);
    expect(same.data!.version).toBe(first.data!.version);
  });

  it("refuses a stale version with 409 order_changed and keeps the newer tags", async () => {
    const { order } = await placeOrder(d, { email: email() });
    await setTags(order.id, ["first"], order.version);
    const stale = await setTags(order.id, ["second"], order.version);
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ code: "order_changed" });
    expect((await detail(order.id)).tags).toEqual(["first"]);
  });

  it("refuses bad tags with 400 naming the field", async () => {
    const { order } = await placeOrder(d, { email: email() });
    const cases: [unknown, string][] = [
      [{ tags: Array.from({ length: 21 }, (_, i) => `t${i}`), expected_version: order.version }, "body.tags"],
      [{ tags: ["  "], expected_version: order.version }, "body.tags.0"],
      [{ tags: ["x".repeat(41)], expected_version: order.version }, "body.tags.0"],
      [{ tags: ["a,b"], expected_version: order.version }, "body.tags.0"],
      [{ tags: [7], expected_version: order.version }, "body.tags.0"],
      [{ tags: ["ok"] }, "body.expected_version"],
      [{ tags: ["ok"], expected_version: 0 }, "body.expected_version"],
      [{ tags: ["ok"], expected_version: order.version, extra: 1 }, "body.extra"],
    ];
    for (const [body, field] of cases) {
      const res = await raw(`/v1/orders/${order.id}/tags`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
    // 20 distinct tags after normalising are fine, even if more were sent.
    const many = await setTags(order.id, [...Array.from({ length: 20 }, (_, i) => `t${i}`), "T0", "t1 "], order.version);
    expect(many.response.status).toBe(200);
    expect(many.data!.tags).toHaveLength(20);
  });

  it("answers 404 for an unknown order and 403 to a storefront key", async () => {
    const missing = await setTags("ord_nope", ["a"], 1);
    expect(missing.response.status).toBe(404);
    expect(missing.error).toMatchObject({ code: "order_not_found" });
    const { order } = await placeOrder(d, { email: email() });
    const res = await client(d.pk).PUT("/v1/orders/{id}/tags", { ...path(order.id), body: { tags: ["a"], expected_version: order.version } });
    expect(res.response.status).toBe(403);
  });
});

describe("notes", () => {
  it("are kept in order with their author, bump the version and leave only a pointer on the timeline", async () => {
    const { order } = await placeOrder(d, { email: email() });
    const first = await addNote(order.id, "  Customer called about delivery  ", order.version);
    expect(first.response.status).toBe(201);
    const second = await addNote(order.id, "Promised express", first.data!.version);
    const o = second.data!;
    expect(o.version).toBe(order.version + 2);
    expect(o.notes.map((n) => [n.body, n.author])).toEqual([
      ["Customer called about delivery", "api_key:bootstrap"],
      ["Promised express", "api_key:bootstrap"],
    ]);
    const added = o.events.filter((e) => e.type === "order.note_added");
    expect(added.map((e) => e.data)).toEqual(o.notes.map((n) => ({ note_id: n.id })));
  });

  it("refuse a stale version, an empty or oversized body, and replay with the same Idempotency-Key", async () => {
    const { order } = await placeOrder(d, { email: email() });
    const idem = key();
    const post = (body: unknown) =>
      raw(`/v1/orders/${order.id}/notes`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": idem }, body: JSON.stringify(body) });
    const ok = await post({ body: "Once", expected_version: order.version });
    expect(ok.status).toBe(201);
    const replay = await post({ body: "Once", expected_version: order.version });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect((await detail(order.id)).notes).toHaveLength(1);

    const stale = await addNote(order.id, "Late", order.version);
    expect(stale.response.status).toBe(409);
    expect(stale.error).toMatchObject({ code: "order_changed" });
    for (const body of [{ body: "   ", expected_version: 2 }, { body: "x".repeat(5001), expected_version: 2 }, { expected_version: 2 }]) {
      const res = await raw(`/v1/orders/${order.id}/notes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
    }
    expect((await detail(order.id)).notes).toHaveLength(1);
  });

  it("are never shown to the shopper", async () => {
    const { order } = await placeOrder(d, { email: "notes-shopper@example.com" });
    await addNote(order.id, "Secret staff remark", order.version);
    const seen = await client(d.pk).POST("/v1/order-lookup", { body: { number: order.number, email: "notes-shopper@example.com" } });
    expect(seen.response.status).toBe(200);
    expect(JSON.stringify(seen.data)).not.toContain("Secret staff remark");
    expect(seen.data).not.toHaveProperty("notes");
  });
});
