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
  return error.issues.flatMap((issue) => {
    const at = [where, ...issue.path.map(String)];
    // A refused unknown field is named itself, so a client sees which key to drop.
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((k) => ({ field: [...at, k].join("."), message: "Unknown field" }));
    return [{ field: at.join("."), message: issue.message }];
  });
}
