// The providers' HTTP, spoken with fetch. Their official SDKs (@easypost/api, shippo) build on Node's http module
// or axios and are not made for workerd; a few JSON calls with fetch are all the adapters need, and they keep the
// exact documented request and response shapes in view.
import { CarrierError, type Provider } from "./carrier";

/** Slow carriers do happen; a label job waiting minutes on one holds the whole batch. */
const TIMEOUT_MS = 20_000;

export async function call<T>(provider: Provider, url: string, init: { method: string; headers: Record<string, string>; body?: unknown }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: { accept: "application/json", ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    throw new CarrierError(provider, null, `unreachable (${err instanceof Error ? err.message : String(err)})`);
  }
  const text = await res.text();
  if (!res.ok) throw new CarrierError(provider, res.status, errorText(text) ?? res.statusText);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new CarrierError(provider, res.status, "answered with something that is not JSON");
  }
}

/** The label file behind a provider's label_url, bytes untouched. */
export async function download(provider: Provider, url: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw new CarrierError(provider, null, `label file unreachable (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!res.ok) throw new CarrierError(provider, res.status, `label file: ${res.statusText || "not available"}`);
  return { bytes: new Uint8Array(await res.arrayBuffer()), contentType: res.headers.get("content-type") ?? "application/pdf" };
}

/**
 * The human part of a provider's error body. EasyPost: {"error":{"code","message","errors":[…]}}; Shippo: {"detail"}
 * or field → [messages], or a transaction's messages[].text.
 */
function errorText(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body.trim().slice(0, 300) || null;
  }
  const o = parsed as Record<string, unknown> | null;
  if (!o || typeof o !== "object") return null;
  const err = o.error as { message?: unknown; code?: unknown } | string | undefined;
  if (typeof err === "string") return err;
  if (err && typeof err.message === "string") return err.code ? `${err.message} (${String(err.code)})` : err.message;
  if (typeof o.detail === "string") return o.detail;
  const messages = o.messages as { text?: string }[] | undefined;
  if (Array.isArray(messages) && messages.length) return messages.map((m) => m.text).filter(Boolean).join("; ");
  return JSON.stringify(o).slice(0, 300);
}
