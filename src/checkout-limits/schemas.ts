import { z } from "@hono/zod-openapi";
import { LONGEST_WINDOW_MS } from "../db/rate-limits";

export const DEFAULT_CHECKOUT_LIMITS = { max_units_per_checkout: 100, max_held_units_per_window: 500, window_seconds: 900 };

export const CheckoutLimits = z
  .object({
    max_units_per_checkout: z.number().int().min(1).max(1_000_000).openapi({
      description: "Units one checkout may reserve, all lines together. Applies to every unpaid checkout and to every checkout with a publishable key.",
      example: DEFAULT_CHECKOUT_LIMITS.max_units_per_checkout,
    }),
    max_held_units_per_window: z.number().int().min(1).max(10_000_000).openapi({
      description: "Unpaid units one publishable key may reserve from one client IP per window. Secret keys and paid checkouts do not count.",
      example: DEFAULT_CHECKOUT_LIMITS.max_held_units_per_window,
    }),
    window_seconds: z.number().int().min(60).max(LONGEST_WINDOW_MS / 1000).openapi({
      description: "Length of that window (fixed windows; a checkout's units count in the window it was made in).",
      example: DEFAULT_CHECKOUT_LIMITS.window_seconds,
    }),
  })
  .strict()
  .refine((l) => l.max_units_per_checkout <= l.max_held_units_per_window, {
    path: ["max_units_per_checkout"],
    message: "Must not exceed max_held_units_per_window, or a storefront checkout of that size could never be held",
  })
  .openapi("CheckoutLimits");
export type CheckoutLimitsView = z.infer<typeof CheckoutLimits>;
