import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, problem } from "../http/openapi";
import { StoreCredit } from "./schemas";

export const getStoreCredit = createRoute({
  method: "get",
  path: "/v1/customers/{id}/store-credit",
  operationId: "getStoreCredit",
  tags: ["Customers"],
  summary: "The customer's store credit: the balance per currency (credits not expired) and the ledger's entries",
  middleware: [...admin("customers:read")],
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: json(StoreCredit, "The store credit."), ...commonProblems, 404: problem("customer_not_found") },
});
