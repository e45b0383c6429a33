// The dead letters screen: what died, and a redrive through the API with its result on screen.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { job } from "../../src/queues/job";
import { admin } from "../helpers/client";
import { loginAs, text } from "./session";

async function deliver(queue: string, id: string, body: unknown, attempts = 1) {
  const batch = createMessageBatch(queue, [{ id, timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual([id]);
}

const dead = job("create_fulfillments", "dash-dlq", { orderId: "ord_gone" });
beforeAll(async () => {
  // What the dead-letter queue receives after every retry failed, and a message that was never a job.
  await deliver("oms-dlq", "dl-1", dead, 6);
  await deliver("oms-fulfillment", "dash-poison", { hello: "world" });
});

describe("the dead letters screen", () => {
  it("lists the waiting dead letters with their job, error and attempts", async () => {
    const b = await loginAs("manager");
    const page = await b.get("/admin/dead-letters");
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain("create_fulfillments · orderId ord_gone");
    expect(words).toContain("retries exhausted 6 waiting Redrive");
    expect(words).toContain("not a job");
  });

  it("redrives one through the API and shows the result; a second redrive is refused with the API's reason", async () => {
    const b = await loginAs("owner");
    const res = await b.post(`/admin/dead-letters/${encodeURIComponent(dead.id)}/redrive`, { back: "/admin/dead-letters" });
    expect(res.status).toBe(303);
    const after = text((await b.follow(res)).html);
    expect(after).toMatch(/create_fulfillments · orderId ord_gone sent back to the fulfillment queue at \d\d:\d\d:\d\d UTC\./);
    const stored = await admin().GET("/v1/dead-letters", { params: { query: { open: "false" } } });
    expect(stored.data!.data.find((d) => d.id === dead.id)?.redriven_at).toBeTypeOf("number");

    // It left the waiting list and shows among those sent back, without a redrive button.
    expect(text((await b.get("/admin/dead-letters")).html)).not.toContain("ord_gone");
    const sent = await b.get("/admin/dead-letters?view=redriven");
    expect(text(sent.html)).toContain("ord_gone");
    expect(sent.html).not.toContain(`/admin/dead-letters/${encodeURIComponent(dead.id)}/redrive`);

    const again = await b.follow(await b.post(`/admin/dead-letters/${encodeURIComponent(dead.id)}/redrive`));
    expect(text(again.html)).toContain("Not sent back: This job was sent back already");
    const poison = await b.follow(await b.post("/admin/dead-letters/dash-poison/redrive"));
    expect(text(poison.html)).toContain("Not sent back: This message was never a job");
  });

  it("is not for support", async () => {
    const b = await loginAs("support");
    expect((await b.get("/admin/dead-letters")).status).toBe(403);
    expect((await b.post("/admin/dead-letters/dash-poison/redrive")).status).toBe(403);
  });
});
