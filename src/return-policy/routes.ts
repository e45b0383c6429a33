import { createRoute } from "@hono/zod-openapi";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody } from "../http/openapi";
import { ReturnPolicy, StoredReturnPolicy } from "./schemas";

const tags = ["Settings"];
const description =
  "The return policy shoppers are held to: the window, final-sale SKUs, fees, and which reasons approve at once. Staff " +
  "creating a return may override the window and final sale (`override_policy`); shoppers never can.";

export const getReturnPolicy = createRoute({
  method: "get",
  path: "/v1/settings/returns",
  operationId: "getReturnPolicy",
  tags,
  summary: "The return policy",
  description,
  middleware: [...admin("orders:read")],
  responses: { 200: json(StoredReturnPolicy, "The policy in force."), ...commonProblems },
});

export const putReturnPolicy = createRoute({
  method: "put",
  path: "/v1/settings/returns",
  operationId: "putReturnPolicy",
  tags,
  summary: "Replace the return policy",
  description: `${description} Applies to the next request.`,
  middleware: [...admin("orders:write")],
  request: { body: jsonBody(ReturnPolicy) },
  responses: { 200: json(StoredReturnPolicy, "The policy now in force."), ...commonProblems },
});
