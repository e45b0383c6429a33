import { createRoute, z } from "@hono/zod-openapi";
import { FraudRules } from "../domain/fraud";
import { admin } from "../http/auth";
import { idempotent } from "../http/idempotency";
import { commonProblems, json, jsonBody, OptionalIdempotencyHeader, page, PageQuery, problem } from "../http/openapi";
import { BlockListEntry, BlockListInput, EntryPath } from "./schemas";

const tags = ["Fraud"];

export const getRules = createRoute({
  method: "get",
  path: "/v1/fraud/rules",
  operationId: "getFraudRules",
  tags,
  summary: "The fraud rules screened at capture",
  description: "Every rule is off until turned on. Each rule that fires adds its weight to the order's risk score and a reason; a score at or above `threshold` holds the order for review (hold kind fraud_review).",
  middleware: [...admin("orders:read")],
  responses: { 200: json(FraudRules, "The rules, defaults filled in."), ...commonProblems },
});

export const putRules = createRoute({
  method: "put",
  path: "/v1/fraud/rules",
  operationId: "putFraudRules",
  tags,
  summary: "Replace the fraud rules",
  description: "Fields left out take their defaults. Applies to checkouts within 10 seconds in every isolate.",
  middleware: [...admin("orders:write")],
  request: { body: jsonBody(FraudRules) },
  responses: { 200: json(FraudRules, "The rules now in force."), ...commonProblems },
});

export const listBlockList = createRoute({
  method: "get",
  path: "/v1/fraud/blocklist",
  operationId: "listFraudBlockList",
  tags,
  summary: "Emails and addresses on the block list, newest first",
  middleware: [...admin("orders:read")],
  request: { query: PageQuery.extend({ kind: z.enum(["email", "address"]).optional() }) },
  responses: { 200: json(page(BlockListEntry, "BlockListPage"), "A page of entries."), ...commonProblems },
});

export const addToBlockList = createRoute({
  method: "post",
  path: "/v1/fraud/blocklist",
  operationId: "addToFraudBlockList",
  tags,
  summary: "Block an email or a shipping address",
  description: "Screening fires the block_list rule (when on) for orders from a blocked email or to a blocked address.",
  middleware: [...admin("orders:write"), idempotent({ required: false })],
  request: { headers: OptionalIdempotencyHeader, body: jsonBody(BlockListInput) },
  responses: {
    201: json(BlockListEntry, "The entry."),
    ...commonProblems,
    409: problem("blocklist_entry_exists (with `id` of the entry)."),
    422: problem("idempotency_key_reused."),
  },
});

export const removeFromBlockList = createRoute({
  method: "delete",
  path: "/v1/fraud/blocklist/{id}",
  operationId: "removeFromFraudBlockList",
  tags,
  summary: "Remove an entry from the block list",
  middleware: [...admin("orders:write")],
  request: { params: EntryPath },
  responses: { 204: { description: "Removed." }, ...commonProblems, 404: problem("blocklist_entry_not_found") },
});
