import { z } from "@hono/zod-openapi";
import { Fulfillment, Parcel } from "../fulfillment/schemas";

export const PICKUP_STATUSES = ["awaiting_answer", "accepted", "rejected", "ready", "collected", "expired"] as const;

export const PickupView = z
  .object({
    fulfillment_id: z.string(),
    order_id: z.string(),
    location_id: z.string(),
    status: z.enum(PICKUP_STATUSES).openapi({ description: "awaiting_answer until the store accepts or rejects." }),
    reason: z.string().nullable().openapi({ description: "Why the store rejected it." }),
    wrong_attempts: z.number().int().openapi({ description: "Wrong codes tried against the current code." }),
    ready_at: z.number().int().nullable(),
    collect_by: z.number().int().nullable().openapi({ description: "Not collected by then: cancelled and restocked by the cron." }),
    collected_at: z.number().int().nullable(),
    fulfillment: Fulfillment,
  })
  .openapi("Pickup");
export type PickupView = z.infer<typeof PickupView>;

export const RejectPickupInput = z.object({ reason: z.string().trim().min(1).max(500).openapi({ example: "damaged in store" }) }).strict().openapi("RejectPickupInput");

export const ReadyPickupInput = z
  .object({ parcel: Parcel.optional().openapi({ description: "Packs the order first when it is not packed yet." }) })
  .strict()
  .openapi("ReadyPickupInput");

export const HandoverInput = z
  .object({ code: z.string().regex(/^\d{6}$/, "Six digits").openapi({ example: "042917", description: "The code from the customer's message." }) })
  .strict()
  .openapi("HandoverInput");

export const PickupSettings = z
  .object({
    default_hold_days: z.number().int().openapi({ description: "Days a ready pickup waits, where a location has no setting of its own (7 unless set)." }),
    locations: z.array(z.object({ location_id: z.string(), hold_days: z.number().int() })),
  })
  .openapi("PickupSettings");

export const PickupSettingsInput = z
  .object({
    location_id: z.string().min(1).max(64).optional().openapi({ description: "Absent: the default for every location." }),
    hold_days: z.number().int().min(1).max(90),
  })
  .strict()
  .openapi("PickupSettingsInput");
