// After delivery the customer gets one question; the answers roll up into NPS per day and channel.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rollupSatisfaction } from "../../src/satisfaction/rollup";
import { admin, client, raw } from "../helpers/client";
import { type Desk, email, makeDesk, shippedOrder } from "../orders/desk";
import { easypostWebhook, setSecrets } from "../tracking/senders";

let d: Desk;
beforeAll(async () => {
  d = await makeDesk();
  await setSecrets();
});

const today = () => new Date().toISOString().slice(0, 10);

/** The survey link as the customer reads it in the message. */
const surveyTokenOf = async (orderId: string) => {
  const rows = (await env.DB.prepare("SELECT body FROM notifications WHERE order_id = ? AND kind = 'satisfaction_survey'").bind(orderId).all<{ body: string }>()).results;
  expect(rows).toHaveLength(1);
  return /\/survey\/([0-9a-f]{32})/.exec(rows[0].body)![1];
};

describe("customer satisfaction", () => {
  it("a survey goes out once per delivered order; its answers give NPS per day and channel (3 promoters, 1 passive, 1 detractor → 40)", async () => {
    const orders = [];
    for (let i = 0; i < 5; i++) {
      const o = await shippedOrder(d, { email: email("nps") });
      expect((await easypostWebhook(o.tracking, [{ status: "delivered", at: "2026-12-01T10:00:00Z" }])).status).toBe(200);
      orders.push(o.order);
    }
    const notYet = await shippedOrder(d, { email: email("undelivered") });

    const first = await rollupSatisfaction(env);
    expect(first.invited).toBe(5);
    expect((await rollupSatisfaction(env)).invited).toBe(0);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE order_id = ? AND kind = 'satisfaction_survey'").bind(notYet.order.id).first()).toEqual({ n: 0 });
    const tokens = await Promise.all(orders.map((o) => surveyTokenOf(o.id)));

    // The page: one question, eleven choices.
    const page = await raw(`/survey/${tokens[0]}`, {}, null);
    expect(page.status).toBe(200);
    const form = await page.text();
    expect(form).toContain(`Order #${orders[0].number}`);
    expect(form.match(/type="radio" name="score"/g)).toHaveLength(11);

    for (const [i, score] of [10, 9, 9].entries()) {
      const res = await client().POST("/v1/surveys/{token}", { params: { path: { token: tokens[i] } }, body: { score } });
      expect(res.response.status).toBe(200);
      expect(res.data).toMatchObject({ order_number: orders[i].number, answered: true, score, comment: null });
    }
    // The passive answers through the page's form, the detractor through JSON with a comment.
    const posted = await raw(`/survey/${tokens[3]}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "score=8&comment=Fine+%3Cb%3E" }, null);
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain("You answered 8 out of 10.");
    const detractor = await client().POST("/v1/surveys/{token}", { params: { path: { token: tokens[4] } }, body: { score: 3, comment: "Box was crushed" } });
    expect(detractor.data).toMatchObject({ score: 3, comment: "Box was crushed" });

    // One answer per survey: a second is refused and the first stands.
    const again = await client().POST("/v1/surveys/{token}", { params: { path: { token: tokens[4] } }, body: { score: 10 } });
    expect(again.response.status).toBe(409);
    expect(again.error).toMatchObject({ code: "survey_already_answered" });
    const stored = await client().GET("/v1/surveys/{token}", { params: { path: { token: tokens[4] } } });
    expect(stored.data).toMatchObject({ answered: true, score: 3, comment: "Box was crushed" });
    expect((await client().GET("/v1/surveys/{token}", { params: { path: { token: "f".repeat(32) } } })).response.status).toBe(404);

    const rolled = await rollupSatisfaction(env);
    expect(rolled.days).toEqual([today()]);
    const res = await admin().GET("/v1/analytics/satisfaction", { params: { query: { from: today(), to: today() } } });
    expect(res.response.status).toBe(200);
    expect(res.data).toEqual({
      data: [{ day: today(), channel_id: "ch_web", promoters: 3, passives: 1, detractors: 1, responses: 5, nps: 40 }],
      total: { promoters: 3, passives: 1, detractors: 1, responses: 5, nps: 40 },
    });
    // Incremental: run again, nothing changes.
    expect((await rollupSatisfaction(env)).changes).toBe(0);
    const other = await admin().GET("/v1/analytics/satisfaction", { params: { query: { from: today(), to: today(), channel_id: "ch_nope" } } });
    expect(other.data).toEqual({ data: [], total: { promoters: 0, passives: 0, detractors: 0, responses: 0, nps: null } });
  });
});
