import { createRouter } from "../http/router";

// Invoices with gapless numbers and credit notes, as PDFs in R2.
export const invoiceRoutes = createRouter();
