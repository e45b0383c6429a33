import { z } from "@hono/zod-openapi";
import { LocationId, Sku } from "../inventory/schemas";
import { MONEY_KINDS, STOCK_KINDS } from "./kinds";

const describe = (kinds: Record<string, string>) =>
  Object.entries(kinds)
    .map(([k, v]) => `- \`${k}\`: ${v}`)
    .join("\n");

const kindsOf = <T extends Record<string, string>>(kinds: T) => Object.keys(kinds) as [keyof T & string, ...(keyof T & string)[]];

const Severity = z.enum(["error", "warning"]).openapi({ description: "warning: consistent, but more is promised than is there." });

export const StockAuditQuery = z.object({
  sku: Sku.optional().openapi({ description: "Only the cells of this SKU." }),
  location_id: LocationId.optional().openapi({ description: "Only the cells at this location." }),
});

export const StockDiscrepancy = z
  .object({
    kind: z.enum(kindsOf(STOCK_KINDS)).openapi({ description: `A stable kind:\n${describe(STOCK_KINDS)}` }),
    severity: Severity,
    sku: z.string(),
    location_id: z.string(),
    hold_id: z.string().optional(),
    order_id: z.string().optional(),
    detail: z.string(),
  })
  .openapi("StockDiscrepancy");

export const StockAudit = z
  .object({
    checked: z.object({
      cells: z.number().int(),
      holds: z.number().int().openapi({ description: "Active and fulfilled holds looked at." }),
      allocations: z.number().int(),
      orders: z.number().int(),
    }),
    discrepancies: z.array(StockDiscrepancy).openapi({ description: "Empty on a healthy store." }),
  })
  .openapi("StockAudit");

export const MoneyAuditQuery = z.object({
  order_id: z.string().min(1).max(64).optional().openapi({ description: "Only this order." }),
});

export const MoneyDiscrepancy = z
  .object({
    kind: z.enum(kindsOf(MONEY_KINDS)).openapi({ description: `A stable kind:\n${describe(MONEY_KINDS)}` }),
    severity: Severity,
    order_id: z.string(),
    document_id: z.string().optional().openapi({ description: "The invoice or credit note at fault." }),
    detail: z.string(),
  })
  .openapi("MoneyDiscrepancy");

export const MoneyAudit = z
  .object({
    checked: z.object({ orders: z.number().int(), payments: z.number().int(), invoices: z.number().int(), credit_notes: z.number().int() }),
    discrepancies: z.array(MoneyDiscrepancy).openapi({ description: "Empty on a healthy store." }),
  })
  .openapi("MoneyAudit");
