// Customer satisfaction after delivery: the survey behind its link (page and JSON) and NPS per day and channel.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { Problem } from "../http/problem";
import { createRouter } from "../http/router";
import { answerSurvey, surveyByToken } from "./answer";
import { surveyPage, thanksPage } from "./page";
import { satisfactionReport } from "./report";
import * as routes from "./routes";

export const satisfactionRoutes = createRouter()
  .openapi(routes.getSurvey, async (c) => c.json(await surveyByToken(c.env.DB, c.req.valid("param").token), 200))
  .openapi(routes.answerSurvey, async (c) => {
    const { score, comment } = c.req.valid("json");
    return c.json(await answerSurvey(c.env.DB, c.req.valid("param").token, score, comment || null), 200);
  })
  .openapi(routes.satisfactionAnalytics, async (c) => {
    const { from, to, channel_id } = c.req.valid("query");
    return c.json(await satisfactionReport(c.env.DB, from, to, channel_id), 200);
  });

const TOKEN = /^[0-9a-f]{32}$/;
const gone = (c: Context<AppEnv>) => c.text("No survey has this link.", 404);
const page = (c: Context<AppEnv>, body: Parameters<Context["html"]>[0], status: 200 | 400 | 409 = 200) => {
  c.header("cache-control", "no-store");
  c.header("x-robots-tag", "noindex");
  return c.html(body, status);
};
const orGone = <T>(p: Promise<T>) =>
  p.catch((err) => {
    if (err instanceof Problem && err.status === 404) return null;
    throw err;
  });

// The pages are for people, not API clients: not in the API document.
satisfactionRoutes.get("/survey/:token", async (c) => {
  const token = c.req.param("token");
  const survey = TOKEN.test(token) ? await orGone(surveyByToken(c.env.DB, token)) : null;
  return survey ? page(c, surveyPage(token, survey)) : gone(c);
});

satisfactionRoutes.post("/survey/:token", async (c) => {
  const token = c.req.param("token");
  const survey = TOKEN.test(token) ? await orGone(surveyByToken(c.env.DB, token)) : null;
  if (!survey) return gone(c);
  if (survey.answered) return page(c, thanksPage(survey), 409);
  const form = await c.req.parseBody();
  const score = Number(form.score);
  if (typeof form.score !== "string" || !/^\d{1,2}$/.test(form.score) || score > 10) return page(c, surveyPage(token, survey, "Please choose a score from 0 to 10."), 400);
  const comment = typeof form.comment === "string" && form.comment.trim() ? form.comment.trim().slice(0, 2000) : null;
  try {
    return page(c, thanksPage(await answerSurvey(c.env.DB, token, score, comment)));
  } catch (err) {
    if (err instanceof Problem && err.status === 409) return page(c, thanksPage(await surveyByToken(c.env.DB, token)), 409);
    throw err;
  }
});
