// The survey as a page: one question, eleven buttons and a comment box, no script; works on a phone. Escaped by hono/html.
import { html } from "hono/html";
import type { SurveyView } from "./schemas";

const shell = (title: string, body: unknown) => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;color:#222}
fieldset{border:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}label.s{flex:1 0 2.5rem;text-align:center;border:1px solid #999;border-radius:4px;padding:.5rem 0}
textarea{width:100%;min-height:5rem}button{font-size:1rem;padding:.5rem 1.5rem;margin-top:.5rem}.muted{color:#666}
</style>
</head>
<body>${body}</body>
</html>`;

export function surveyPage(token: string, s: SurveyView, error?: string) {
  if (s.answered) return thanksPage(s);
  const scores = Array.from({ length: 11 }, (_, i) => i);
  return shell(
    `Order #${s.order_number}: how did we do?`,
    html`<p class="muted">Order #${s.order_number}</p>
<h1>How likely are you to recommend us to a friend?</h1>
${error ? html`<p role="alert"><strong>${error}</strong></p>` : ""}
<form method="post" action="/survey/${token}">
<fieldset><legend class="muted">0 = not at all, 10 = extremely likely</legend>
${scores.map((i) => html`<label class="s"><input type="radio" name="score" value="${i}" required> ${i}</label>`)}
</fieldset>
<p><label for="comment">Anything you want to tell us? (optional)</label><br><textarea id="comment" name="comment" maxlength="2000"></textarea></p>
<button type="submit">Send</button>
</form>`,
  );
}

export const thanksPage = (s: SurveyView) =>
  shell("Thank you", html`<p class="muted">Order #${s.order_number}</p><h1>Thank you!</h1><p>You answered ${s.score ?? ""} out of 10.</p>`);
