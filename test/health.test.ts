import { exports } from "cloudflare:workers";
import { expect, it } from "vitest";

it("answers /health without a key", async () => {
  const res = await exports.default.fetch("http://oms.test/health");
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
