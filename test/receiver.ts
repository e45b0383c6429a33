// A stand-in for the outside world in tests, run by vitest in Node as the workers' outbound service: the tests have
// no network. https://receiver.test/hooks/<box>?status=<code> records each request it gets and answers <code>
// (default 204); GET https://receiver.test/boxes/<box> returns what <box> received. POST /__operations takes the
// API operations one test file called (test/helpers/operations.ts) and appends them to OPERATIONS_LOG, which
// test/operations-reporter.ts reads when the run ends. Anything else is unreachable.
import { appendFileSync, mkdirSync } from "node:fs";
import { fakeStripe } from "./payments/fake-stripe.ts";
import { fakeEasyPost } from "./carriers/fake-easypost.ts";
import { fakeShippo } from "./carriers/fake-shippo.ts";

/** One file per vitest process: this module runs in the process that loaded vitest.config.ts, as the reporter does. */
export const OPERATIONS_LOG = new URL(`../.vitest-operations/${process.pid}.jsonl`, import.meta.url);

const boxes = new Map<string, { method: string; headers: Record<string, string>; body: string; at: number }[]>();

export async function receiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === "api.stripe.com") return fakeStripe(request);
  if (url.hostname === "api.easypost.com") return fakeEasyPost(request);
  if (url.hostname === "api.goshippo.com") return fakeShippo(request);
  if (url.hostname !== "receiver.test") return new Response("no network in tests", { status: 502 });
  if (url.pathname === "/__operations" && request.method === "POST") {
    const { file, operations } = (await request.json()) as { file: string; operations: string[] };
    mkdirSync(new URL(".", OPERATIONS_LOG), { recursive: true });
    appendFileSync(OPERATIONS_LOG, `${JSON.stringify({ file, operations })}\n`);
    return new Response(null, { status: 204 });
  }
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
