import { z } from "@hono/zod-openapi";
import { Address } from "../domain/address";
import { Currency } from "../orders/schemas";

export const Seller = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ example: "Nordwind Textil GmbH" }),
    address: Address.nullable(),
    vat_id: z.string().trim().min(2).max(32).nullable().openapi({ example: "DE123456789" }),
    email: z.string().trim().email().max(254).nullable(),
  })
  .strict()
  .openapi("Seller", { description: "The merchant as invoices and credit notes name it." });

export const SellerSettings = Seller.extend({
  updated_at: z.number().int().nullable().openapi({ description: "Null while the defaults are in use." }),
}).openapi("SellerSettings");

const Line = z.object({
  sku: z.string().nullable(),
  description: z.string(),
  quantity: z.number().int(),
  unit_price: z.number().int().openapi({ description: "Minor units." }),
  amount: z.number().int().openapi({ description: "What this document charges or credits for the line; below quantity × unit_price on the invoice of a partial capture." }),
});

const common = {
  id: z.string(),
  number: z.string(),
  order_id: z.string(),
  order_number: z.number().int(),
  payment_id: z.string().openapi({ description: "The payment this document records (a capture; for credit notes, the refund)." }),
  currency: Currency,
  seller: Seller,
  buyer: z.object({ email: z.string(), address: Address.nullable() }),
  lines: z.array(Line),
  subtotal: z.number().int(),
  shipping_total: z.number().int(),
  tax_total: z.number().int(),
  total: z.number().int(),
  issued_at: z.number().int(),
  pdf_ready: z.boolean().openapi({ description: "The PDF was drawn and stored; the download draws it if not." }),
};

export const Invoice = z.object(common).openapi("Invoice", { description: "Issued with each capture, for the amount captured. Number INV-<year>-<gapless sequence>." });

export const CreditNote = z
  .object({
    ...common,
    invoice_id: z.string().nullable().openapi({ description: "The invoice it corrects: the order's latest at the time of the refund." }),
    invoice_number: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .openapi("CreditNote", { description: "Issued with each refund. Number CN-<year>-<gapless sequence>." });
