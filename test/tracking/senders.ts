// What EasyPost, Shippo and AfterShip post to a tracking webhook, shaped as their docs show it, signed as they sign it.
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { admin, checkedRaw } from "../helpers/client";

// EasyPost normalizes the secret with NFKD before signing: "ﬁ" (one ligature) signs as "fi".
export const SECRETS = { easypost: "ep_secret_\uFB01ne_123", shippo: "shippo-token-8f2c1d9e", aftership: "as_webhook_secret_42" } as const;

const hex = (b: ArrayBuffer) => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, "0")).join("");
const mac = async (secret: string, body: string) => {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", key, new TextEncoder().encode(body));
};

export async function setSecrets() {
  for (const provider of ["easypost", "shippo", "aftership"] as const) {
    const res = await admin().PUT("/v1/settings/tracking-webhooks/{provider}", { params: { path: { provider } }, body: { secret: SECRETS[provider] } });
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({ provider, configured: true, updated_at: expect.any(Number) });
  }
}

const post = (path: string, body: string, headers: Record<string, string>) =>
  checkedRaw(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }, null);

export interface Scan {
  status: string;
  at: string;
  message?: string;
  city?: string;
}

export async function easypostWebhook(trackingCode: string, scans: Scan[], opts: { secret?: string; trackerId?: string } = {}) {
  const body = JSON.stringify({
    id: `evt_${Math.random().toString(36).slice(2)}`,
    object: "Event",
    description: "tracker.updated",
    mode: "test",
    result: {
      id: opts.trackerId ?? `trk_${trackingCode}`,
      object: "Tracker",
      tracking_code: trackingCode,
      carrier: "DHL",
      status: scans.at(-1)?.status ?? "unknown",
      tracking_details: scans.map((s) => ({
        object: "TrackingDetail",
        status: s.status,
        datetime: s.at,
        message: s.message ?? s.status,
        tracking_location: { object: "TrackingLocation", city: s.city ?? "Berlin", state: null, country: "DE", zip: null },
      })),
    },
  });
  const signature = hex(await mac((opts.secret ?? SECRETS.easypost).normalize("NFKD"), body));
  return post("/v1/tracking/webhooks/easypost", body, { "x-hmac-signature": `hmac-sha256-hex=${signature}` });
}

export function shippoWebhook(trackingNumber: string, history: { status: string; substatus?: string; at: string; details?: string; id?: string }[], token: string = SECRETS.shippo) {
  const entries = history.map((h, i) => ({
    object_id: h.id ?? `${trackingNumber}-${i}-${h.status}`,
    status: h.status,
    substatus: h.substatus ? { code: h.substatus, text: h.substatus, action_required: false } : null,
    status_details: h.details ?? h.status,
    status_date: h.at,
    location: { city: "Lyon", state: null, zip: "69001", country: "FR" },
  }));
  const body = JSON.stringify({
    event: "track_updated",
    test: true,
    data: { tracking_number: trackingNumber, carrier: "dhl_express", tracking_status: entries.at(-1), tracking_history: entries },
  });
  return post(`/v1/tracking/webhooks/shippo?token=${encodeURIComponent(token)}`, body, {});
}

export async function aftershipWebhook(trackingNumber: string, checkpoints: { tag: string; subtag?: string; at: string; message?: string }[], secret: string = SECRETS.aftership) {
  const body = JSON.stringify({
    event: "tracking_update",
    event_id: crypto.randomUUID(),
    is_tracking_first_tag: false,
    msg: {
      id: `as_${trackingNumber}`,
      tracking_number: trackingNumber,
      slug: "dhl",
      tag: checkpoints.at(-1)?.tag ?? "Pending",
      checkpoints: checkpoints.map((c) => ({ checkpoint_time: c.at, tag: c.tag, subtag: c.subtag ?? `${c.tag}_001`, message: c.message ?? c.tag, location: "Munich, DE", slug: "dhl" })),
    },
    ts: Math.floor(Date.now() / 1000),
  });
  const signature = btoa(String.fromCharCode(...new Uint8Array(await mac(secret, body))));
  return post("/v1/tracking/webhooks/aftership", body, { "aftership-hmac-sha256": signature });
}

export const shipment = (id: string) =>
  env.DB.prepare("SELECT status, tracking_status, tracking_status_at, tracking_token FROM fulfillments WHERE id = ?").bind(id).first<{
    status: string;
    tracking_status: string | null;
    tracking_status_at: number | null;
    tracking_token: string;
  }>();

export const historyOf = async (id: string) =>
  (await env.DB.prepare("SELECT status, occurred_at FROM tracking_events WHERE fulfillment_id = ? ORDER BY occurred_at").bind(id).all<{ status: string; occurred_at: number }>()).results;
