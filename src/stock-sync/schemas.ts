import { z } from "@hono/zod-openapi";

export const STOCK_UPDATE_STATUSES = ["pending", "sending", "succeeded", "failed", "superseded", "cancelled"] as const;

export const StockUpdate = z
  .object({
    id: z.string().openapi({ example: "stu_01J0000000000000000000000", description: "Sent as webhook-id on every attempt." }),
    channel_id: z.string(),
    sku: z.string(),
    external_sku: z.string().openapi({ description: "The SKU as the channel knows it (our SKU unless mapped)." }),
    sequence: z.number().int().openapi({ description: "Grows by one per new figure of this listing; a receiver drops a figure older than one it applied." }),
    available: z.number().int().openapi({ description: "Units the channel may sell: available-to-promise of the shipping locations minus the channel's buffer." }),
    reason: z.enum(["change", "reconcile"]).openapi({ description: "change: the stock moved; reconcile: the full picture was sent again." }),
    status: z.enum(STOCK_UPDATE_STATUSES).openapi({
      description:
        "pending: not yet taken by the channel, retried with backoff; sending: an attempt is under way; succeeded: the channel answered 2xx; " +
        "failed: every retry failed, or the channel's setup cannot be sent to (see last_error); superseded: a newer figure went out instead; " +
        "cancelled: the channel was deactivated or lost its inventory URL.",
    }),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable().openapi({ description: "The channel's last HTTP status; null if it never answered." }),
    last_error: z.string().nullable(),
    sent_at: z.number().int().nullable().openapi({ description: "When the last attempt left, epoch ms." }),
    created_at: z.number().int().openapi({ description: "When the figure was decided, epoch ms (the payload's `at`)." }),
    updated_at: z.number().int(),
  })
  .openapi("StockUpdate");
export type StockUpdate = z.infer<typeof StockUpdate>;

export const ChannelStockLevel = z
  .object({
    external_sku: z.string(),
    sku: z.string(),
    available: z.number().int().openapi({ description: "The newest figure decided for the channel." }),
    sequence: z.number().int(),
    sent_available: z.number().int().nullable().openapi({ description: "The last figure the channel took; null if none yet." }),
    sent_sequence: z.number().int(),
    sent_at: z.number().int().nullable(),
    in_sync: z.boolean().openapi({ description: "Whether the channel has the newest figure." }),
    updated_at: z.number().int(),
  })
  .openapi("ChannelStockLevel");
export type ChannelStockLevel = z.infer<typeof ChannelStockLevel>;

export const StockReconcile = z
  .object({
    channel_id: z.string(),
    reconcile_id: z.string().openapi({ example: "rcn_01J0000000000000000000000" }),
    requested_at: z.number().int(),
  })
  .openapi("StockReconcile");
