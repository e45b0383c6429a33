import { z } from "@hono/zod-openapi";

export const RECEIVE_DISPOSITIONS = ["restock", "damaged", "inspect"] as const;
export type ReceiveDisposition = (typeof RECEIVE_DISPOSITIONS)[number];
export const INSPECTION_OUTCOMES = ["restock", "damaged"] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];

const LineId = z.string().min(1).max(64).openapi({ description: "A line of this return (its `lines[].id`).", example: "retl_01J..." });
const Quantity = z.number().int().min(1).max(100_000);
const LocationId = z.string().min(1).max(64);

export const ReceiveInput = z
  .object({
    location_id: LocationId.optional().openapi({ description: "Where the parcel arrived; by default the return's own location." }),
    lines: z
      .array(
        z
          .object({
            return_line_id: LineId,
            quantity: Quantity,
            disposition: z.enum(RECEIVE_DISPOSITIONS).openapi({
              description: "restock: back on sale at the location; damaged: kept apart, never sellable; inspect: held aside until decided (POST …/inspection).",
            }),
          })
          .strict(),
      )
      .min(1)
      .max(250),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("ReturnReceiveInput", {
    example: { lines: [{ return_line_id: "retl_01J...", quantity: 1, disposition: "restock" }], note: "Box opened, tags on" },
  });
export type ReceiveRequest = z.infer<typeof ReceiveInput>;

export const InspectionInput = z
  .object({
    location_id: LocationId.optional().openapi({ description: "Where the units are held; by default where this return's last parcel arrived." }),
    lines: z
      .array(z.object({ return_line_id: LineId, quantity: Quantity, disposition: z.enum(INSPECTION_OUTCOMES) }).strict())
      .min(1)
      .max(250),
    note: z.string().max(2000).optional(),
  })
  .strict()
  .openapi("ReturnInspectionInput", { example: { lines: [{ return_line_id: "retl_01J...", quantity: 1, disposition: "damaged" }], note: "Seam torn" } });
export type InspectionRequest = z.infer<typeof InspectionInput>;
