import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, problem } from "../http/openapi";
import { Return, ReturnPath } from "../returns/schemas";
import { InspectionInput, ReceiveInput } from "./schemas";

const tags = ["Returns"];

export const receiveReturn = createRoute({
  method: "post",
  path: "/v1/returns/{id}/receive",
  operationId: "receiveReturn",
  tags,
  summary: "Units of an open return arrived: restock, set apart as damaged, or hold for inspection",
  description:
    "Per line, restocked + damaged + inspecting never exceed the units the return approved, checked by the write itself: " +
    "two receipts of the last unit at once, one wins and the other is 409. Restocked units go back on hand at the location " +
    "(a ledger entry with reason customer_return, once per unit however often the receive is retried); damaged units are " +
    "shown apart on the cell and never become available.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(ReceiveInput) },
  responses: {
    200: json(Return, "The return with what has come back of it."),
    ...commonProblems,
    404: problem("return_not_found"),
    409: problem("invalid_return_transition (only an open return receives), receive_exceeds_return (with `errors` when known before writing), idempotency_key_in_use."),
    422: problem("receipt_not_possible (with `errors`: a line not on this return, no or unknown location), idempotency_key_reused."),
  },
});

export const inspectReturn = createRoute({
  method: "post",
  path: "/v1/returns/{id}/inspection",
  operationId: "inspectReturn",
  tags,
  summary: "Decide units held for inspection: restock them or set them apart as damaged",
  description: "At most the units of each line still held for inspection, checked by the write itself; restocked units go back on hand once.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { params: ReturnPath, headers: OptionalIdempotencyHeader, body: jsonBody(InspectionInput) },
  responses: {
    200: json(Return, "The return after the decision."),
    ...commonProblems,
    404: problem("return_not_found"),
    409: problem("invalid_return_transition, inspection_exceeds_held (with `errors` when known before writing), idempotency_key_in_use."),
    422: problem("receipt_not_possible (with `errors`), idempotency_key_reused."),
  },
});
