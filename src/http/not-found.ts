import type { Context, Hono } from "hono";
import { problemResponse } from "./errors";
import { Problem } from "./problem";

/** 404 for a path nobody serves, 405 (with Allow) for a path served under other methods. */
export function notFoundOrWrongMethod(app: Hono<any>) {
  let routes: { method: string; pattern: RegExp }[] | undefined;
  return (c: Context) => {
    routes ??= app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => ({ method: r.method, pattern: patternOf(r.path) }));
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method))];
    if (allowed.length)
      return problemResponse(c, new Problem(405, "method_not_allowed", "Method not allowed", `${c.req.method} is not served here; use ${allowed.join(", ")}.`), {
        allow: allowed.join(", "),
      });
    return problemResponse(c, new Problem(404, "route_not_found", "Not found", `No route serves ${c.req.method} ${c.req.path}.`));
  };
}

/** A Hono path as a regular expression: `:name` is one segment, `*` anything, every other character itself. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path
      .split("/")
      .map((part) => (part.startsWith(":") ? "[^/]+" : part === "*" ? ".*" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/")}$`,
  );
