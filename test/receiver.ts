// A stand-in for the outside world in tests, run by vitest in Node as the workers' outbound service: the tests have
// no network. https://receiver.test/hooks/<box>?status=<code> records each request it gets and answers <code>
// (default 204); GET https://receiver.test/boxes/<box> returns what <box> received. Anything else is unreachable.
import { fakeStripe } from "./payments/fake-stripe.ts";

const boxes = new Map<string, { method: string; headers: Record<string, string>; body: string; at: number }[]>();

export async function receiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === "api.stripe.com") return fakeStripe(request);
  if (url.hostname !== "receiver.test") return new Response("no network in tests", { status: 502 });
  const [, kind, box] = url.pathname.split("/");
  if (kind === "boxes" && request.method === "GET") return Response.json(boxes.get(box) ?? []);
  if (kind === "hooks" && box) {
    // Read the body first: between reading a box and writing it back nothing may await, or two requests arriving
    // together would each keep only their own entry.
    const body = await request.text();
    const list = boxes.get(box) ?? [];
    list.push({ method: request.method, headers: Object.fromEntries(request.headers), body, at: Date.now() });
    boxes.set(box, list);
    return new Response(null, { status: Number(url.searchParams.get("status") ?? 204) });
  }
  return new Response("unknown receiver path", { status: 404 });
}
