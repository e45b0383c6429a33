// The bench row of a flash-sale SKU striped across several cells (src/striping/): unpaid storefront checkouts of one
// SKU, exactly like the "one hot SKU" row, but the SKU's stock at WH-BER is spread over STRIPES InventoryCells. Run in
// the same bench as the one-cell row, the two numbers compare one cell with several.
//
// Locally every Durable Object runs in the one workerd process on the same two cores, so the row measures what
// striping costs per order here; the ceiling it lifts (one object, ~500–1,000 requests/s) is a production one.
import { randomUUID } from "node:crypto";
import { Api, expectStatus } from "../scripts/lib/http";
import type { Row, RowContext } from "./run";

const STRIPES = Number(process.env.BENCH_STRIPES ?? 8);
const UNITS = 10_000_000;
const PRICE = 1900;
const run = randomUUID().slice(0, 8);

/** A SKU of its own (the hot row's SKU stays on one cell), received at WH-BER and striped. */
async function stripedSku(ctx: RowContext): Promise<string> {
  const admin = new Api(ctx.base, ctx.adminKey);
  const sku = `FLASH-${run}`.toUpperCase();
  const product = await admin.post("/v1/products", { title: `Flash sale ${run}`, variants: [{ sku, title: "One size", price: { amount: PRICE, currency: "EUR" } }] });
  expectStatus("POST", "/v1/products", product, 201);
  const locations = expectStatus("GET", "/v1/locations", await admin.get("/v1/locations?limit=200"), 200) as { data: { id: string; code: string }[] };
  const berlin = locations.data.find((l) => l.code === "WH-BER")!.id;
  const received = await admin.post("/v1/inventory/movements", { sku, location_id: berlin, kind: "receive", quantity: UNITS, reason: "purchase_order", note: "bench" }, { idempotencyKey: `bench-${run}-flash` });
  expectStatus("POST", "/v1/inventory/movements", received, 201);
  const striped = await admin.request("PUT", `/v1/locations/${berlin}/inventory/${sku}/striping`, { body: { stripes: STRIPES } });
  expectStatus("PUT", "striping", striped, 200);
  // The read model must show the stripes before checkouts plan on it.
  for (let i = 0; i < 60; i++) {
    const level = await admin.get(`/v1/inventory/levels?sku=${sku}&location_id=${berlin}`);
    if ((level.body as { data: { available: number }[] }).data[0]?.available >= UNITS - 1) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return sku;
}

let sku: Promise<string> | null = null;
let n = 0;

export function stripedRows(ctx: RowContext): Row[] {
  return [
    {
      key: "checkout_striped",
      label: `POST /v1/checkouts, one hot SKU striped over ${STRIPES} cells`,
      unit: "orders/s",
      run: async () => {
        const flash = await (sku ??= stripedSku(ctx));
        return ctx.measure(
          `checkout striped SKU (${STRIPES} cells)`,
          {
            requests: [
              {
                method: "POST",
                path: "/v1/checkouts",
                headers: { authorization: `Bearer ${ctx.pk}`, "content-type": "application/json" },
                setupRequest: (req) => ({
                  ...req,
                  headers: { ...req.headers, "idempotency-key": `bench-${run}-${randomUUID()}` },
                  body: JSON.stringify({
                    email: `flash+${n}@example.com`,
                    currency: "EUR",
                    lines: [{ sku: flash, quantity: 1 }],
                    shipping_address: { name: "Ada Shopper", line1: "2 Side Street", city: "Berlin", postal_code: "10115", country: "DE", latitude: 52.52, longitude: 13.405 + (n++ % 10) / 1000 },
                  }),
                }),
              },
            ],
          },
          ctx.base,
          201,
        );
      },
    },
  ];
}
