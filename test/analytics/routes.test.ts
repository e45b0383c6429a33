// The analytics endpoints' contract: date ranges validated field by field, scope orders:read.
import { describe, expect, it } from "vitest";
import { admin, raw } from "../helpers/client";

const fieldsOf = async (res: Response) => ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field);

describe("analytics ranges", () => {
  it.each([
    ["from=2026-02-30&to=2026-03-01", "query.from"],
    ["from=2026-3-1&to=2026-03-01", "query.from"],
    ["from=2026-03-01", "query.to"],
    ["from=2026-03-02&to=2026-03-01", "query.to"],
    ["from=2024-01-01&to=2025-01-01", "query.to"],
  ])("refuses %s naming %s", async (query, field) => {
    for (const path of ["orders", "fulfillment", "locations"]) {
      const res = await raw(`/v1/analytics/${path}?${query}`);
      expect(res.status).toBe(400);
      expect(await fieldsOf(res)).toContain(field);
    }
  });

  it("accepts a range of 366 days and answers an empty list where nothing happened", async () => {
    const res = await admin().GET("/v1/analytics/fulfillment", { params: { query: { from: "2024-01-01", to: "2024-12-31" } } });
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({ data: [] });
  });

  it("needs orders:read", async () => {
    const made = await admin().POST("/v1/api-keys", { body: { kind: "secret", name: "catalog only", scopes: ["catalog:read"] } });
    const res = await raw("/v1/analytics/orders?from=2026-03-01&to=2026-03-01", {}, made.data!.key);
    expect(res.status).toBe(403);
  });
});
