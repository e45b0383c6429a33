// Demo channels for a local OMS: a Shopify shop and a WooCommerce shop with their webhook secrets and SKU mappings,
// and, with --post, one order from each, signed exactly as the shop signs it, posted to the channel's webhook.
//
//   npm run demo:channels          (BASE_URL and ADMIN_API_KEY default to the dev server's, like `npm run seed`)
//
// The payloads are the test fixtures (test/channels/fixtures), with a fresh order id per run.
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Api, expectStatus, listAll } from "./lib/http";

/** Demo secrets: fine for a local OMS, never for a real shop. */
export const DEMO_CHANNELS = [
  { code: "shopify-demo", name: "Shopify (demo)", kind: "shopify", webhook_secret: "shpss_demo_secret_for_local_dev_only" },
  { code: "woo-demo", name: "WooCommerce (demo)", kind: "woocommerce", webhook_secret: "wc_demo_secret_for_local_dev_only" },
] as const;

// The shops' own SKUs differ from ours: the mapping says which of ours they mean.
const MAPPING = [
  { external_sku: "TEE-M", sku: "TEE-MER-BLK-M" },
  { external_sku: "TOTE", sku: "CAP-CNV-SND" },
];

const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(`${root}test/channels/fixtures/${name}`, "utf8")) as Record<string, any>;
const hmac = (secret: string, body: string) => createHmac("sha256", secret).update(body).digest("base64");

/** Creates the demo channels (or finds them) with their SKU mappings; returns code → id. */
export async function ensureDemoChannels(api: Api): Promise<Record<string, string>> {
  const existing = new Map((expectStatus("GET", "/v1/channels", await listAll(api, "/v1/channels"), 200) as any[]).map((c) => [c.code, c.id]));
  const ids: Record<string, string> = {};
  for (const c of DEMO_CHANNELS) {
    ids[c.code] = existing.get(c.code) ?? expectStatus("POST", "/v1/channels", await api.post("/v1/channels", c), 201).id;
    expectStatus("PUT", "/v1/channels/{id}/skus", await api.request("PUT", `/v1/channels/${ids[c.code]}/skus`, { body: { mappings: MAPPING } }), 200);
  }
  return ids;
}

async function postOrders(base: string, ids: Record<string, string>) {
  const shopify = fixture("shopify-order.json");
  const id = 5_000_000_000_000 + Math.floor(Math.random() * 1e9);
  Object.assign(shopify, { id, admin_graphql_api_id: `gid://shopify/Order/${id}`, name: `#D${id % 10000}` });
  const shopifyBody = JSON.stringify(shopify);
  const s = await fetch(new URL(`/v1/channels/${ids["shopify-demo"]}/webhooks`, base), {
    method: "POST",
    body: shopifyBody,
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "orders/create",
      "x-shopify-shop-domain": "demo.myshopify.com",
      "x-shopify-event-id": randomUUID(),
      "x-shopify-hmac-sha256": hmac(DEMO_CHANNELS[0].webhook_secret, shopifyBody),
    },
  });
  console.log(`Shopify order ${id}: ${s.status} ${await s.text()}`);

  const woo = fixture("woo-order.json");
  woo.id = 100_000 + Math.floor(Math.random() * 1e6);
  woo.number = String(woo.id);
  const wooBody = JSON.stringify(woo);
  const w = await fetch(new URL(`/v1/channels/${ids["woo-demo"]}/webhooks`, base), {
    method: "POST",
    body: wooBody,
    headers: {
      "content-type": "application/json",
      "x-wc-webhook-topic": "order.created",
      "x-wc-webhook-resource": "order",
      "x-wc-webhook-event": "created",
      "x-wc-webhook-delivery-id": randomUUID(),
      "x-wc-webhook-signature": hmac(DEMO_CHANNELS[1].webhook_secret, wooBody),
    },
  });
  console.log(`WooCommerce order ${woo.id}: ${w.status} ${await w.text()}`);
  console.log(`The ingest queue places them within seconds: GET ${base}/v1/orders?channel_id=${ids["shopify-demo"]} (and ${ids["woo-demo"]})`);
}

async function main() {
  const devVars = existsSync(`${root}.dev.vars`) ? readFileSync(`${root}.dev.vars`, "utf8") : "";
  const adminKey = process.env.ADMIN_API_KEY ?? devVars.match(/^\s*ADMIN_API_KEY\s*=\s*["']?([^"'\s#]+)/m)?.[1];
  const base = process.env.BASE_URL ?? `http://localhost:${process.env.PORT ?? 8787}`;
  if (!adminKey) throw new Error("no ADMIN_API_KEY (set it, or run `npm run dev` once to make .dev.vars)");
  const ids = await ensureDemoChannels(new Api(base, adminKey));
  console.log(`Channels: ${Object.entries(ids).map(([c, id]) => `${c}=${id}`).join(" ")}`);
  await postOrders(base, ids);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
