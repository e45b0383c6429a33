import { expect, it } from "vitest";

it("gives tests a stand-in receiver for outbound HTTP", async () => {
  const sent = await fetch("https://receiver.test/hooks/smoke?status=202", { method: "POST", body: "hi", headers: { "x-a": "1" } });
  expect(sent.status).toBe(202);
  const box = await (await fetch("https://receiver.test/boxes/smoke")).json<{ body: string; headers: Record<string, string> }[]>();
  expect(box).toMatchObject([{ body: "hi", headers: { "x-a": "1" } }]);
});
