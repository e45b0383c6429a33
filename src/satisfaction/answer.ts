// The customer's one answer. A survey takes one answer: a second is refused (409), so a score cannot be raised or
// lowered later by whoever holds the link, and the day it counts on never moves.
import { conflict, notFound } from "../http/problem";
import type { SurveyView } from "./schemas";

interface SurveyRow {
  order_number: number;
  score: number | null;
  comment: string | null;
  answered_at: number | null;
}

export async function surveyByToken(db: D1Database, token: string): Promise<SurveyView> {
  const row = await db
    .prepare(
      `SELECT o.number AS order_number, s.score, s.comment, s.answered_at FROM satisfaction_surveys s JOIN orders o ON o.id = s.order_id WHERE s.token = ?`,
    )
    .bind(token)
    .first<SurveyRow>();
  if (!row) throw notFound("survey_not_found", "No survey has this link.");
  return { ...row, answered: row.answered_at !== null };
}

export async function answerSurvey(db: D1Database, token: string, score: number, comment: string | null, now = Date.now()): Promise<SurveyView> {
  const { meta } = await db
    .prepare("UPDATE satisfaction_surveys SET score = ?, comment = ?, answered_at = ? WHERE token = ? AND answered_at IS NULL")
    .bind(score, comment, now, token)
    .run();
  const survey = await surveyByToken(db, token);
  if (!meta.changes) throw conflict("survey_already_answered", "This survey has been answered already; thank you.");
  return survey;
}
