import { createRoute, z } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, page, problem } from "../http/openapi";
import { Customer, CustomerDetail, CustomerExport, CustomerSearch } from "./schemas";

const tags = ["Customers"];
const CustomerPath = z.object({ id: z.string().min(1).max(64) });

export const listCustomers = createRoute({
  method: "get",
  path: "/v1/customers",
  operationId: "listCustomers",
  tags,
  summary: "Customers, newest first: by exact email, or by the start of the email or name",
  middleware: [...admin("customers:read")],
  request: { query: CustomerSearch },
  responses: { 200: json(page(Customer, "CustomerPage"), "A page of customers."), ...commonProblems },
});

export const getCustomer = createRoute({
  method: "get",
  path: "/v1/customers/{id}",
  operationId: "getCustomer",
  tags,
  summary: "One customer with the addresses, spend and latest orders their orders show",
  middleware: [...admin("customers:read")],
  request: { params: CustomerPath },
  responses: { 200: json(CustomerDetail, "The customer."), ...commonProblems, 404: problem("customer_not_found") },
});

export const exportCustomer = createRoute({
  method: "get",
  path: "/v1/customers/{id}/export",
  operationId: "exportCustomer",
  tags,
  summary: "Everything held about the customer, as one JSON document (GDPR access and portability)",
  middleware: [...admin("customers:read")],
  request: { params: CustomerPath },
  responses: { 200: json(CustomerExport, "The customer's data."), ...commonProblems, 404: problem("customer_not_found") },
});

export const eraseCustomer = createRoute({
  method: "post",
  path: "/v1/customers/{id}/erase",
  operationId: "eraseCustomer",
  tags,
  summary: "Erase the customer's personal data (GDPR erasure); orders keep their amounts, lines and numbers",
  description:
    "Email, name, phone and addresses are replaced by a pseudonym (`erased-<id>@invalid`, `[erased]`) in the customer, " +
    "their orders, timelines, notes, outboxes and stored answers; labels and packing slips are deleted. The country " +
    "of each address stays (tax). Erasing again changes nothing. Refused (409 customer_has_open_orders, with " +
    "`orders`) while an order of theirs still has to ship.",
  middleware: [...admin("customers:write")],
  request: { params: CustomerPath },
  responses: {
    200: json(Customer, "The erased customer."),
    ...commonProblems,
    404: problem("customer_not_found"),
    409: problem("customer_has_open_orders"),
  },
});
