// Bulk imports: orders (CSV, JSON lines) and stock counts (CSV) as background jobs with progress and row errors;
// the same file imported again changes nothing twice.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { admin, raw, checkedRaw } from "../helpers/client";
import { makeLocation, makeProduct, receive } from "../helpers/fixtures";
import { makeChannel } from "../channels/helpers";

let berlin: string;
let berlinCode: string;
let market: string;
beforeAll(async () => {
  berlin = await makeLocation("berlin");
  berlinCode = (await admin().GET("/v1/locations/{id}", { params: { path: { id: berlin } } })).data!.code;
  market = await makeChannel("marketplace");
});

interface ImportView {
  id: string;
  status: string;
  rows_total: number;
  rows_done: number;
  rows_failed: number;
  errors: { row: number; message: string }[];
}

async function upload(kind: string, body: string, query = "", contentType = "text/csv"): Promise<ImportView> {
  const res = await checkedRaw(`/v1/imports?kind=${kind}${query}`, { method: "POST", body, headers: { "content-type": contentType } });
  expect(res.status).toBe(202);
  return (await res.json()) as ImportView;
}

async function finished(id: string): Promise<ImportView> {
  let view: ImportView | undefined;
  await vi.waitFor(
    async () => {
      view = (await (await checkedRaw(`/v1/imports/${id}`)).json()) as ImportView;
      expect(view.status).toBe("done");
    },
    { timeout: 30_000, interval: 100 },
  );
  return view!;
}

const countOrders = (channelId: string) => env.DB.prepare("SELECT COUNT(*) AS n FROM orders WHERE channel_id = ?").bind(channelId).first<{ n: number }>().then((r) => r!.n);
const level = async (sku: string) => (await admin().GET("/v1/locations/{location_id}/inventory/{sku}", { params: { path: { location_id: berlin, sku } } })).data!;
const ledgerAfter = async (sku: string, seq: number) =>
  (await admin().GET("/v1/locations/{location_id}/inventory/{sku}/ledger", { params: { path: { location_id: berlin, sku }, query: { cursor: String(seq) } } })).data!.data;

describe("an orders CSV", () => {
  it("places each order once, reports bad rows by number, and changes nothing when imported again", async () => {
    const [tee, tote] = await makeProduct([2500, 1990]);
    await receive(tee, berlin, 10);
    await receive(tote, berlin, 10);
    const csv = [
      "order_id,email,currency,financial_status,sku,quantity,unit_price,shipping_total,ship_name,ship_line1,ship_city,ship_postal_code,ship_country",
      `M-100,a@example.com,EUR,paid,${tee},2,2500,490,Ada Shopper,Torstraße 1,Berlin,10119,DE`,
      `M-100,,,,${tote},1,1990,,,,,,`,
      `M-101,b@example.com,EUR,paid,${tee},1,2500,0,"Müller, Bea","Hauptstraße 5, Hinterhaus",Berlin,10115,DE`,
      `M-102,c@example.com,EUR,paid,${tee},two,2500,0,Cy,1 Road,Berlin,10115,DE`,
      `,d@example.com,EUR,paid,${tee},1,2500,0,Di,1 Road,Berlin,10115,DE`,
      `M-103,e@example.com,EUR,paid,UNKNOWN-SKU,1,500,0,Ed,1 Road,Berlin,10115,DE`,
      "",
    ].join("\r\n");
    const created = await upload("orders_csv", csv, `&channel_id=${market}`);
    expect(created).toMatchObject({ status: "queued", rows_total: 6 });
    const done = await finished(created.id);
    expect(done).toMatchObject({ rows_total: 6, rows_done: 6, rows_failed: 2 });
    expect(done.errors).toEqual([
      { row: 5, message: expect.stringContaining("lines.0.quantity") },
      { row: 6, message: "order_id is empty" },
    ]);
    expect(await countOrders(market)).toBe(3);
    const m100 = await env.DB.prepare("SELECT id, total, status, payment_status FROM orders WHERE channel_id = ? AND external_id = 'M-100'").bind(market).first();
    expect(m100).toMatchObject({ total: 5000 + 1990 + 490, status: "open", payment_status: "paid" });
    const held = await env.DB.prepare("SELECT status, hold_kind FROM orders WHERE channel_id = ? AND external_id = 'M-103'").bind(market).first();
    expect(held).toEqual({ status: "on_hold", hold_kind: "channel_issue" });
    expect((await level(tee)).committed).toBe(3);

    const again = await finished((await upload("orders_csv", csv, `&channel_id=${market}`)).id);
    expect(again).toMatchObject({ rows_done: 6, rows_failed: 2 });
    expect(await countOrders(market)).toBe(3);
    expect((await level(tee)).committed).toBe(3);
  });

  it("as JSON lines in a JSON body, orders by their id", async () => {
    const [sku] = await makeProduct([1000]);
    await receive(sku, berlin, 5);
    const line = (id: string) =>
      JSON.stringify({ id, currency: "EUR", email: "j@example.com", financial_status: "authorized", lines: [{ sku, quantity: 1, unit_price: 1000 }], shipping_address: { name: "J", line1: "1 Road", city: "Berlin", postal_code: "10115", country: "DE" } });
    const content = [line("J-1"), "{broken", line("J-2")].join("\n");
    const { data, response } = await admin().POST("/v1/imports", { body: { kind: "orders_jsonl", channel_id: market, content } });
    expect(response.status).toBe(202);
    const done = await finished(data!.id);
    expect(done).toMatchObject({ rows_total: 3, rows_done: 3, rows_failed: 1, errors: [{ row: 2, message: expect.stringMatching(/^Not JSON/) }] });
    expect((await level(sku)).committed).toBe(2);
  });

  it("that cannot be read as a whole is refused at once", async () => {
    const res = await raw("/v1/imports?kind=orders_csv", { method: "POST", body: "order_id,sku\nX,Y\n", headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: "invalid_import_file", detail: expect.stringContaining("currency") });
  });
});

describe("an inventory CSV", () => {
  it("counts stock per row in file order across chunks, and the same file again counts nothing twice", async () => {
    const [a, b] = await makeProduct([100, 100]);
    // 201 rows and 3 bad ones: two chunks of one lane; each cell's last row wins.
    const rows = Array.from({ length: 201 }, (_, i) => `${i % 2 ? b : a},${i % 3 ? berlin : berlinCode},${i}`);
    const csv = ["sku,location,on_hand", ...rows, `${a},nowhere,5`, `NOPE,${berlin},5`, `${a},${berlin},-1`].join("\n");
    const done = await finished((await upload("inventory_csv", csv)).id);
    expect(done).toMatchObject({ rows_total: 204, rows_done: 204, rows_failed: 3 });
    expect(done.errors.map((e) => e.row)).toEqual([203, 204, 205]);
    expect((await level(a)).on_hand).toBe(200);
    expect((await level(b)).on_hand).toBe(199);

    const { entry } = await receive(a, berlin, 7);
    await finished((await upload("inventory_csv", csv)).id);
    expect((await level(a)).on_hand).toBe(207);
    expect(await ledgerAfter(a, entry.seq)).toEqual([]);
  });

  it("needs inventory:write", async () => {
    const { data } = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "orders", scopes: ["orders:write"] } });
    const res = await raw("/v1/imports?kind=inventory_csv", { method: "POST", body: "sku,location,on_hand\n", headers: { "content-type": "text/csv" } }, data!.key);
    expect(res.status).toBe(403);
  });
});

describe("the list of imports", () => {
  it("pages every import of this file's tests, newest first, each with its kind and status", async () => {
    const first = await admin().GET("/v1/imports", { params: { query: { limit: 2 } } });
    expect(first.response.status).toBe(200);
    expect(first.data!.data).toHaveLength(2);
    expect(first.data!.next_cursor).not.toBeNull();
    const rest = await admin().GET("/v1/imports", { params: { query: { limit: 200, cursor: first.data!.next_cursor! } } });
    const all = [...first.data!.data, ...rest.data!.data];
    const ids = all.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Newest first: ids are ULIDs, which sort by time.
    expect(ids).toEqual([...ids].sort().reverse());
    expect(all.some((i) => i.kind === "inventory_csv") && all.some((i) => i.kind === "orders_csv")).toBe(true);
  });
});
