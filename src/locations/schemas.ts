import { z } from "@hono/zod-openapi";
import { Address } from "../domain/address";

const Kind = z.enum(["warehouse", "store", "3pl"]);
const Name = z.string().trim().min(1).max(200);
// The planner ranks locations by distance, so every location has a position (unlike a customer's address).
const Latitude = z.number().min(-90).max(90);
const Longitude = z.number().min(-180).max(180);
const Priority = z.number().int().min(0).max(10_000).openapi({ description: "Lower is tried first when an order is split." });

export const Location = z
  .object({
    id: z.string().openapi({ example: "loc_01J0000000000000000000000" }),
    code: z.string(),
    name: z.string(),
    kind: Kind,
    address: Address,
    // The columns allow null (rows written outside this API); every location created here has both.
    latitude: z.number(),
    longitude: z.number(),
    can_ship: z.boolean(),
    can_pickup: z.boolean(),
    priority: z.number().int(),
    active: z.boolean(),
    created_at: z.number().int(),
    updated_at: z.number().int(),
  })
  .openapi("Location");

export const LocationInput = z
  .object({
    code: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/, "Letters, digits, underscore and dash; at most 32")
      .openapi({ description: "Your short name for it, unique; it cannot change later.", example: "BER-1" }),
    name: Name,
    kind: Kind,
    address: Address,
    latitude: Latitude,
    longitude: Longitude,
    can_ship: z.boolean(),
    can_pickup: z.boolean(),
    priority: Priority.default(100),
    active: z.boolean().default(true),
  })
  .strict()
  .openapi("LocationInput");

// No code: channels and imports name a location by its code, so it never changes; .strict() refuses it.
export const LocationPatch = z
  .object({
    name: Name.optional(),
    kind: Kind.optional(),
    address: Address.optional(),
    latitude: Latitude.optional(),
    longitude: Longitude.optional(),
    can_ship: z.boolean().optional(),
    can_pickup: z.boolean().optional(),
    priority: Priority.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .openapi("LocationPatch", { description: "Only the fields sent change. The code cannot be changed." });


export type LocationInput = z.infer<typeof LocationInput>;
export type LocationPatch = z.infer<typeof LocationPatch>;
