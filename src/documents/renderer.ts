// The PDFs (labels, packing slips, invoices, return labels, pick lists) are drawn by a second Worker,
// src/documents-worker/, reached through the RENDERER service binding. So pdf-lib, its fonts and its deflate never load
// in the Worker that serves checkout: only their input types are imported here, and types leave no code behind.
import type { PickRow } from "../dashboard/fulfillment/batch";
import type { DocumentInput } from "../invoices/document";
import type { ShippingLabelInput } from "../labels/label";
import type { PackingSlipInput } from "../labels/packing-slip";
import type { ReturnLabelInput } from "../return-labels/draw";

export interface PickListMeta {
  location: string;
  shipmentIds: string[];
  at: number;
}

/** What the documents Worker draws. Each answer is a whole PDF, deterministic for its input. */
export interface Renderer {
  shippingLabel(input: ShippingLabelInput): Promise<Uint8Array>;
  packingSlip(input: PackingSlipInput): Promise<Uint8Array>;
  invoice(input: DocumentInput): Promise<Uint8Array>;
  returnLabel(input: ReturnLabelInput): Promise<Uint8Array>;
  pickList(meta: PickListMeta, rows: PickRow[]): Promise<Uint8Array>;
  /** One PDF of all the given PDFs' pages, in order: one print job for the printer. */
  merge(pdfs: Uint8Array[]): Promise<Uint8Array>;
}

export const renderer = (env: { RENDERER: Renderer }): Renderer => env.RENDERER;
