import { z } from "@hono/zod-openapi";

// ISO 3166-1 alpha-2, checked against the list; the planner and carriers need a real country, not free text.
import { CountryCode as Country } from "./codes";

export const Address = z
  .object({
    name: z.string().trim().min(1).max(200),
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100),
    region: z.string().trim().max(100).optional(),
    postal_code: z.string().trim().min(1).max(20),
    country: Country,
    phone: z.string().trim().max(40).optional(),
    latitude: z.number().min(-90).max(90).optional().openapi({ description: "Lets the planner pick the nearest location." }),
    longitude: z.number().min(-180).max(180).optional(),
  })
  .strict()
  .openapi("Address");

export type Address = z.infer<typeof Address>;

// An order a channel sent with an address we cannot ship to is kept on hold with that address as it came, so staff
// can read and correct it: fields may be missing, and values need not be ones Address accepts.
export const ReceivedAddress = z
  .object({
    name: z.string().optional(),
    line1: z.string().optional(),
    line2: z.string().optional(),
    city: z.string().optional(),
    region: z.string().optional(),
    postal_code: z.string().optional(),
    country: z.string().optional(),
    phone: z.string().optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
  })
  .strict()
  .openapi("ReceivedAddress", { description: "An address as a channel sent it, on an order held for it (hold.kind channel_issue); may be incomplete." });
