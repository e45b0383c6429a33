import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { admin, client, raw } from "../helpers/client";

const storedRow = (id: string) =>
  env.DB.prepare("SELECT * FROM webhook_subscriptions WHERE id = ?").bind(id).first<Record<string, unknown>>();

const subscribe = async (url = "https://hooks.example.com/oms") => {
  const { data, response } = await admin().POST("/v1/webhook-subscriptions", { body: { url, events: ["order.created"] } });
  expect(response.status).toBe(201);
  return data!;
};

const post = (path: string, body: unknown, method = "POST") =>
  raw(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("webhook subscriptions", () => {
  it("creates a subscription, shows its secret once and stores that secret", async () => {
    const { data, response } = await admin().POST("/v1/webhook-subscriptions", {
      body: { url: "https://hooks.example.com/oms", events: ["order.created", "fulfillment.shipped", "order.created"] },
    });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({
      url: "https://hooks.example.com/oms",
      events: ["order.created", "fulfillment.shipped"],
      active: true,
      secret_prefix: `${data!.secret.slice(0, 9)}…`,
    });
    expect(data!.id).toMatch(/^whs_/);
    expect(data!.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    expect(await storedRow(data!.id)).toMatchObject({
      url: "https://hooks.example.com/oms",
      events: '["order.created","fulfillment.shipped"]',
      secret: data!.secret,
      active: 1,
    });
  });

  it("never shows the secret when reading or listing", async () => {
    const { id, secret } = await subscribe();
    const one = await raw(`/v1/webhook-subscriptions/${id}`);
    expect(one.status).toBe(200);
    const list = await raw("/v1/webhook-subscriptions?limit=200");
    expect(list.status).toBe(200);
    for (const text of [await one.text(), await list.text()]) {
      expect(text).toContain(id);
      expect(text).not.toContain(secret);
      expect(text).not.toContain('"secret"');
    }
  });

  it("lists with a cursor, newest first", async () => {
    for (let i = 0; i < 3; i++) await subscribe(`https://hooks.example.com/${i}`);
    const first = await admin().GET("/v1/webhook-subscriptions", { params: { query: { limit: 2 } } });
    expect(first.data!.data).toHaveLength(2);
    expect(first.data!.next_cursor).toBe(first.data!.data[1].id);
    const second = await admin().GET("/v1/webhook-subscriptions", { params: { query: { limit: 2, cursor: first.data!.next_cursor! } } });
    expect(second.data!.data[0].id < first.data!.data[1].id).toBe(true);
  });

  it("changes only the fields sent, re-checking the URL", async () => {
    const { id, secret } = await subscribe();
    const { data, response } = await admin().PATCH("/v1/webhook-subscriptions/{id}", {
      params: { path: { id } },
      body: { events: ["inventory.low_stock"], active: false },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ url: "https://hooks.example.com/oms", events: ["inventory.low_stock"], active: false });
    expect(await storedRow(id)).toMatchObject({ events: '["inventory.low_stock"]', active: 0, secret });

    const bad = await post(`/v1/webhook-subscriptions/${id}`, { url: "https://169.254.169.254/" }, "PATCH");
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: "webhook_url_not_allowed", errors: [{ field: "body.url" }] });
    expect(await storedRow(id)).toMatchObject({ url: "https://hooks.example.com/oms" });
  });

  it("rotates the secret: the new one is returned once and stored", async () => {
    const { id, secret } = await subscribe();
    const { data, response } = await admin().POST("/v1/webhook-subscriptions/{id}/rotate-secret", { params: { path: { id } } });
    expect(response.status).toBe(200);
    expect(data!.secret).toMatch(/^whsec_/);
    expect(data!.secret).not.toBe(secret);
    expect(data!.secret_prefix).toBe(`${data!.secret.slice(0, 9)}…`);
    expect(await storedRow(id)).toMatchObject({ secret: data!.secret });
  });

  it("deletes a subscription, then answers 404 for it everywhere", async () => {
    const { id } = await subscribe();
    const deleted = await admin().DELETE("/v1/webhook-subscriptions/{id}", { params: { path: { id } } });
    expect(deleted.response.status).toBe(200);
    expect(deleted.data).toMatchObject({ id });
    expect(await storedRow(id)).toBeNull();

    for (const res of [
      await raw(`/v1/webhook-subscriptions/${id}`),
      await raw(`/v1/webhook-subscriptions/${id}`, { method: "DELETE" }),
      await post(`/v1/webhook-subscriptions/${id}`, { active: true }, "PATCH"),
      await raw(`/v1/webhook-subscriptions/${id}/rotate-secret`, { method: "POST" }),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: "webhook_subscription_not_found" });
    }
  });

  it("refuses URLs that could reach inside the network with 422 and the reason", async () => {
    for (const url of ["http://hooks.example.com/", "https://10.0.0.1/", "https://2130706433/", "https://user:pw@hooks.example.com/"]) {
      const res = await post("/v1/webhook-subscriptions", { url, events: ["order.created"] });
      expect(res.status).toBe(422);
      const body = await res.json<{ code: string; detail: string; errors: { field: string; message: string }[] }>();
      expect(body.code).toBe("webhook_url_not_allowed");
      expect(body.errors).toEqual([{ field: "body.url", message: body.detail }]);
    }
    const count = await env.DB.prepare("SELECT count(*) AS n FROM webhook_subscriptions WHERE url LIKE '%10.0.0.1%'").first<{ n: number }>();
    expect(count!.n).toBe(0);
  });

  it("allows a local http receiver in development", async () => {
    expect(env.ENVIRONMENT).toBe("development");
    const { url } = await subscribe("http://localhost:8787/hook");
    expect(url).toBe("http://localhost:8787/hook");
  });

  it("refuses unknown events, empty event lists and unknown fields with field errors", async () => {
    const fieldsOf = async (body: unknown) => {
      const res = await post("/v1/webhook-subscriptions", body);
      expect(res.status).toBe(400);
      const problem = await res.json<{ code: string; errors: { field: string }[] }>();
      expect(problem.code).toBe("validation_failed");
      return problem.errors.map((e) => e.field);
    };
    expect(await fieldsOf({ url: "https://hooks.example.com/", events: ["order.exploded"] })).toEqual(["body.events.0"]);
    expect(await fieldsOf({ url: "https://hooks.example.com/", events: [] })).toEqual(["body.events"]);
    expect(await fieldsOf({ url: "https://hooks.example.com/", events: ["order.created"], secret: "whsec_mine" })).toEqual(["body.secret"]);
  });

  it("needs orders:write to change and orders:read to read", async () => {
    const { id } = await subscribe();
    const { data: reader } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "reader", scopes: ["orders:read"] } });
    const asReader = client(reader!.key);
    expect((await asReader.GET("/v1/webhook-subscriptions/{id}", { params: { path: { id } } })).response.status).toBe(200);
    const write = await asReader.POST("/v1/webhook-subscriptions/{id}/rotate-secret", { params: { path: { id } } });
    expect(write.response.status).toBe(403);
    expect(write.error).toMatchObject({ code: "insufficient_scope" });
    expect((await raw("/v1/webhook-subscriptions", {}, null)).status).toBe(401);
  });
});
