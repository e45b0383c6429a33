import type { RouteHandler } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Principal } from "../env";
import { claimOf, idempotencyScope } from "../http/idempotency";
import { forbidden } from "../http/problem";
import { createRouter } from "../http/router";
import type { OrderView } from "../orders/schemas";
import { createCheckout } from "./routes";
import { placeCheckout } from "./service";

// The storefront's key is public: whatever it may do, anyone may. So it may never say an order is paid; only the
// merchant's server (payments:write) or the provider's signed webhook can. Channel orders do not come through here:
// their payment is read from the channel's signed webhook and placed with placeCheckout directly.
const mayAssertPayment = (p: Principal) => p.kind === "secret" && p.scopes.includes("payments:write");

const checkout: RouteHandler<typeof createCheckout, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  const principal = c.get("principal");
  // Refused before anything is held.
  if (input.payment && !mayAssertPayment(principal))
    throw forbidden(
      "payment_requires_secret_key",
      "A storefront cannot confirm payment. Place the order without `payment`; it becomes paid when your server confirms it " +
        "(a secret key with payments:write) or your payment provider's signed webhook arrives.",
    );
  const order = await placeCheckout(
    {
      env: c.env,
      principal,
      checkoutKey: idempotencyScope(c)!,
      claim: claimOf(c),
      waitUntil: (p) => c.executionCtx.waitUntil(p),
      clientIp: c.req.header("cf-connecting-ip"),
    },
    input,
  );
  return c.json(order, 201);
};

/** What a shopper may see of the order just placed: not why it is held, nor its fraud score, reasons or review. */
export function forShopper(order: OrderView): OrderView {
  return { ...order, risk: null, hold: null, events: order.events.filter((e) => e.type !== "order.on_hold") };
}

/**
 * Wraps the whole route, idempotency included: a replayed answer is the stored staff view (the checkout stores it in
 * its own batch), so it is trimmed here on its way out, like a fresh one.
 */
const shopperView: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const principal = c.get("principal") as Principal | undefined;
  if (!principal || principal.kind === "secret" || c.res.status !== 201) return;
  const order = (await c.res.json()) as OrderView;
  const headers = new Headers(c.res.headers);
  headers.delete("content-length");
  c.res = new Response(JSON.stringify(forShopper(order)), { status: 201, headers });
};

const router = createRouter();
router.use(createCheckout.path, shopperView);
export const checkoutRoutes = router.openapi(createCheckout, checkout);
