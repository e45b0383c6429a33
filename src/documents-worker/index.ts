// The documents Worker: draws every PDF the OMS prints, for the main Worker through the RENDERER service binding
// (wrangler.toml [[services]]; its own config is src/documents-worker/wrangler.toml). It has no bindings and keeps
// no state: an input in, a PDF out. Kept apart so the Worker that serves checkout stays small (bench/README.md).
import { WorkerEntrypoint } from "cloudflare:workers";
import type { PickRow } from "../dashboard/fulfillment/batch";
import { pickListPdf } from "../dashboard/fulfillment/pick-pdf";
import type { PickListMeta, Renderer } from "../documents/renderer";
import { drawDocument, type DocumentInput } from "../invoices/document";
import { renderShippingLabel, type ShippingLabelInput } from "../labels/label";
import { renderPackingSlip, type PackingSlipInput } from "../labels/packing-slip";
import { drawReturnLabel, type ReturnLabelInput } from "../return-labels/draw";
import { mergePdfs } from "./merge";

export class DocumentRenderer extends WorkerEntrypoint implements Renderer {
  shippingLabel(input: ShippingLabelInput) {
    return renderShippingLabel(input);
  }
  packingSlip(input: PackingSlipInput) {
    return renderPackingSlip(input);
  }
  invoice(input: DocumentInput) {
    return drawDocument(input);
  }
  returnLabel(input: ReturnLabelInput) {
    return drawReturnLabel(input);
  }
  pickList(meta: PickListMeta, rows: PickRow[]) {
    return pickListPdf(meta, rows);
  }
  merge(pdfs: Uint8Array[]) {
    return mergePdfs(pdfs);
  }
}

// Nothing is served over HTTP: the binding's RPC is the only way in.
export default {
  fetch: () => new Response("edge-oms documents: reached only through the RENDERER binding", { status: 404 }),
};
