import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json } from "../http/openapi";
import { MoneyAudit, MoneyAuditQuery, StockAudit, StockAuditQuery } from "./schemas";

const tags = ["Audit"];

export const auditStock = createRoute({
  method: "get",
  path: "/v1/audit/stock",
  operationId: "auditStock",
  tags,
  summary: "Check every cell's ledger, holds and figures against the orders, allocations and shipments in D1",
  description:
    "Reads only. Ledgers add up to the figures; active holds add up to held and committed; every open allocation points " +
    "at a live hold of its units and state; every live hold has an owner (an order, an unfinished stock change, a paid " +
    "checkout's confirmation window); shipped units were fulfilled once; nothing is negative that may not be. A cell " +
    "that shows a discrepancy is read again and only what both reads found is reported, so a change in flight does not " +
    "show. The cron audits the cells that changed and raises `inventory.audit_discrepancy`. Scope `inventory:read`.",
  middleware: [...admin("inventory:read")],
  request: { query: StockAuditQuery },
  responses: { 200: json(StockAudit, "What was checked and what does not add up (nothing, on a healthy store)."), ...commonProblems },
});

export const auditMoney = createRoute({
  method: "get",
  path: "/v1/audit/money",
  operationId: "auditMoney",
  tags,
  summary: "Check every order's payments, payment status, totals, invoices and credit notes",
  description:
    "Reads only. Per order: captured − refunded ≥ 0; invoices add up to the captures and credit notes to the refunds, " +
    "each document to its own payment; line totals, subtotal and total follow from the units not cancelled, shipping " +
    "and tax; the payment status is what the payment records say. Scope `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { query: MoneyAuditQuery },
  responses: { 200: json(MoneyAudit, "What was checked and what does not add up (nothing, on a healthy store)."), ...commonProblems },
});
