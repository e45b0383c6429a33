import { z } from "@hono/zod-openapi";
import { Parcel } from "../fulfillment/schemas";

export const ThirdPartyEndpointInput = z
  .object({
    url: z.string().url().max(2000).openapi({ example: "https://3pl.example/oms/fulfillment-requests", description: "https; private and local hosts are refused." }),
    secret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, "whsec_ followed by the base64 of 24 to 64 bytes")
      .optional()
      .openapi({ description: "Signs every request (Standard Webhooks). Write-only; required the first time, kept when absent." }),
    confirm_within_hours: z.number().int().min(1).max(720).default(24).openapi({ description: "A request not confirmed within this raises an alert." }),
  })
  .strict()
  .openapi("ThirdPartyEndpointInput");
export type ThirdPartyEndpointInput = z.infer<typeof ThirdPartyEndpointInput>;

export const ThirdPartyEndpointView = z
  .object({
    location_id: z.string(),
    url: z.string(),
    confirm_within_hours: z.number().int(),
    secret_set: z.boolean().openapi({ description: "The secret itself is never returned." }),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("ThirdPartyEndpoint");
export type ThirdPartyEndpointView = z.infer<typeof ThirdPartyEndpointView>;

export const ConfirmShipmentInput = z
  .object({
    carrier: z.string().trim().min(1).max(50).openapi({ example: "ups" }),
    service: z.string().trim().min(1).max(50).openapi({ example: "ground" }),
    tracking_number: z.string().trim().min(1).max(100).openapi({ example: "1Z999AA10123456784" }),
    shipped_at: z.number().int().min(0).openapi({ description: "When the parcel left the 3PL (Unix ms)." }),
    parcel: Parcel.optional().openapi({ description: "Required while the shipment is not packed yet: what the 3PL packed." }),
  })
  .strict()
  .openapi("ConfirmThirdPartyShipmentInput");

export const ThirdPartyAlert = z
  .object({
    id: z.string(),
    kind: z.enum(["unconfirmed"]),
    fulfillment_id: z.string(),
    order_id: z.string(),
    location_id: z.string(),
    confirm_by: z.number().int(),
    raised_at: z.number().int(),
    request_status: z.enum(["pending", "sending", "sent", "failed", "confirmed"]).openapi({ description: "Where the request stands now." }),
    attempts: z.number().int(),
    last_error: z.string().nullable(),
  })
  .openapi("ThirdPartyAlert");

export const ThirdPartyRequestView = z
  .object({
    fulfillment_id: z.string(),
    location_id: z.string(),
    status: z.enum(["pending", "sending", "sent", "failed", "confirmed"]).openapi({ description: "pending: waiting for its next try." }),
    attempts: z.number().int(),
    last_status_code: z.number().int().nullable(),
    last_error: z.string().nullable(),
    sent_at: z.number().int().nullable(),
    confirm_by: z.number().int().openapi({ description: "Not confirmed by then: an alert is raised." }),
    confirmed_at: z.number().int().nullable(),
    shipped_at: z.number().int().nullable().openapi({ description: "When the 3PL says the parcel left, as it confirmed." }),
    created_at: z.number().int(),
  })
  .openapi("ThirdPartyRequest");
export type ThirdPartyRequestView = z.infer<typeof ThirdPartyRequestView>;
