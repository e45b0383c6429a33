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
