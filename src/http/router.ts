import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import type { AppEnv } from "../env";
import { type FieldError, validationFailed } from "./problem";

/** Every router shares this hook, so every validation failure looks the same: 400 validation_failed with fields. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationFailed(fieldErrors(result.target, result.error));
    },
  });
}

export function fieldErrors(target: string, error: ZodError): FieldError[] {
  const where = target === "json" ? "body" : target === "param" ? "path" : target === "header" ? "header" : target;
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}
