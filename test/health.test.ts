import { expect, it } from "vitest";
import { checkedRaw } from "./helpers/client";

it("answers /health without a key", async () => {
  const res = await checkedRaw("/health", {}, null);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});
