import { z } from "@hono/zod-openapi";

export const SurveyTokenPath = z.object({ token: z.string().min(16).max(64) });

export const SurveyAnswerInput = z
  .object({
    score: z.number().int().min(0).max(10).openapi({ description: "How likely to recommend us, 0 (not at all) to 10 (extremely).", example: 9 }),
    comment: z.string().trim().max(2000).nullable().optional().openapi({ example: "Arrived a day early." }),
  })
  .strict()
  .openapi("SurveyAnswerInput");

export const SurveyView = z
  .object({
    order_number: z.number().int(),
    answered: z.boolean(),
    score: z.number().int().nullable(),
    comment: z.string().nullable(),
    answered_at: z.number().int().nullable(),
  })
  .openapi("Survey");
export type SurveyView = z.infer<typeof SurveyView>;

const Figures = {
  promoters: z.number().int().openapi({ description: "Answers of 9 or 10." }),
  passives: z.number().int().openapi({ description: "Answers of 7 or 8." }),
  detractors: z.number().int().openapi({ description: "Answers of 0 to 6." }),
  responses: z.number().int(),
  nps: z.number().nullable().openapi({ description: "% promoters − % detractors, one decimal; null without answers." }),
};

export const SatisfactionDay = z.object({ day: z.string().openapi({ example: "2026-07-01" }), channel_id: z.string(), ...Figures }).openapi("SatisfactionDay");

export const SatisfactionAnswer = z
  .object({ data: z.array(SatisfactionDay), total: z.object(Figures).openapi({ description: "Over the whole range (and channel)." }) })
  .openapi("AnalyticsSatisfaction");
export type SatisfactionAnswer = z.infer<typeof SatisfactionAnswer>;
