import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Invoices with gapless numbers and credit notes, as PDFs in R2.
export const invoiceRoutes = createRouter()
  .openapi(routes.invoices.list, handlers.invoices.list)
  .openapi(routes.invoices.get, handlers.invoices.get)
  .openapi(routes.invoices.pdf, handlers.invoices.pdf)
  .openapi(routes.creditNotes.list, handlers.creditNotes.list)
  .openapi(routes.creditNotes.get, handlers.creditNotes.get)
  .openapi(routes.creditNotes.pdf, handlers.creditNotes.pdf)
  .openapi(routes.getSeller, handlers.getSeller)
  .openapi(routes.putSeller, handlers.putSeller);
