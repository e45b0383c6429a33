// Counting through the API's lists. No list route answers a total, so a tile reads one page and says "50+" when
// there is more, rather than reading D1 behind the API's back (and its role scopes).
import type { Context } from "hono";
import { api, problemText } from "../shell/api";
import type { DashEnv } from "../shell/env";

export type Listed<T> = { ok: true; rows: T[]; more: boolean } | { ok: false; why: string };

/** One page of a list route (`path` already has its query), and whether more pages follow. */
export async function listPage<T = any>(c: Context<DashEnv>, path: string): Promise<Listed<T>> {
  const res = await api<{ data: T[]; next_cursor?: string | null }>(c, "GET", path);
  if (!res.ok) return { ok: false, why: problemText(res.problem) };
  return { ok: true, rows: res.data.data, more: !!res.data.next_cursor };
}

/** The same for several lists at once (e.g. one per location), added up. */
export async function listPages<T = any>(c: Context<DashEnv>, paths: string[]): Promise<Listed<T>> {
  const pages = await Promise.all(paths.map((p) => listPage<T>(c, p)));
  const refused = pages.find((p) => !p.ok);
  if (refused) return refused;
  const ok = pages as { ok: true; rows: T[]; more: boolean }[];
  return { ok: true, rows: ok.flatMap((p) => p.rows), more: ok.some((p) => p.more) };
}

/** "12", or "50+" when the page was full and more follow. */
export const shown = (n: number, more: boolean) => `${n}${more ? "+" : ""}`;

export const qs = (params: Record<string, string | number | null | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
};
