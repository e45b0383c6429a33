import { createRoute } from "@hono/zod-openapi";
import { OrdersQuery } from "../analytics/schemas";
import { admin } from "../http/auth";
import { commonProblems, json, jsonBody, problem } from "../http/openapi";
import { SatisfactionAnswer, SurveyAnswerInput, SurveyTokenPath, SurveyView } from "./schemas";

export const getSurvey = createRoute({
  method: "get",
  path: "/v1/surveys/{token}",
  operationId: "getSurvey",
  tags: ["Satisfaction"],
  security: [],
  summary: "The customer's satisfaction survey, by its unguessable link (no key)",
  description: "What /survey/{token} shows, as JSON: whether it is answered, and the answer.",
  request: { params: SurveyTokenPath },
  responses: { 200: json(SurveyView, "The survey."), 400: problem("validation_failed."), 404: problem("survey_not_found.") },
});

export const answerSurvey = createRoute({
  method: "post",
  path: "/v1/surveys/{token}",
  operationId: "answerSurvey",
  tags: ["Satisfaction"],
  security: [],
  summary: "Answer the survey: a score from 0 to 10 and an optional comment, once",
  description: "A survey takes one answer; a second one is refused with 409 survey_already_answered (the first stands).",
  request: { params: SurveyTokenPath, body: jsonBody(SurveyAnswerInput) },
  responses: {
    200: json(SurveyView, "The answer, as stored."),
    400: problem("validation_failed, malformed_json."),
    404: problem("survey_not_found."),
    409: problem("survey_already_answered."),
    413: problem("The body is too large."),
  },
});

export const satisfactionAnalytics = createRoute({
  method: "get",
  path: "/v1/analytics/satisfaction",
  operationId: "getSatisfactionAnalytics",
  tags: ["Analytics"],
  summary: "Customer satisfaction: NPS per day (answered, UTC) and channel",
  description:
    "NPS = % promoters (9–10) − % detractors (0–6) of the answers to the survey sent after delivery. Daily rollups kept by " +
    "the cron (every minute); changes show within a few minutes. Scope `orders:read`.",
  middleware: [...admin("orders:read")],
  request: { query: OrdersQuery },
  responses: { 200: json(SatisfactionAnswer, "One row per day and channel with answers, and the total."), ...commonProblems },
});
