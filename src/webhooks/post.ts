// One outbound POST of JSON to a URL the URL policy allowed: what webhook deliveries and channel stock updates share.
// The answer is an outcome, never a throw, so the caller records every attempt the same way.

/** How long an endpoint may take to answer; callers lease their work for longer than this. */
export const POST_TIMEOUT_MS = 10_000;

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export async function postJson(url: string, body: string, headers: Record<string, string>): Promise<PostOutcome> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
      // A redirect could lead anywhere, including where the URL policy forbids: it counts as a failure.
      redirect: "manual",
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await res.body?.cancel();
    return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, status: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}
