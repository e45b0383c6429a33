import { z } from "@hono/zod-openapi";

import { CountryCode as Country } from "../domain/codes";

export const BlockedAddress = z
  .object({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    postal_code: z.string().trim().min(1).max(20),
    country: Country,
  })
  .strict()
  .openapi("BlockedAddress", { description: "Compared without case, spaces or punctuation; the name is not compared." });

export const BlockListInput = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("email"), email: z.string().trim().toLowerCase().email().max(254), note: z.string().trim().max(500).optional() }).strict(),
    z.object({ kind: z.literal("address"), address: BlockedAddress, note: z.string().trim().max(500).optional() }).strict(),
  ])
  .openapi("BlockListInput");

export const BlockListEntry = z
  .object({
    id: z.string(),
    kind: z.enum(["email", "address"]),
    email: z.string().nullable(),
    address: BlockedAddress.nullable(),
    note: z.string().nullable(),
    created_at: z.number().int(),
  })
  .openapi("BlockListEntry");

export const EntryPath = z.object({ id: z.string().min(1).max(64) });
