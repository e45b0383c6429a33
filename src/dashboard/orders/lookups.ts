// Names for the ids an order carries (locations, channels), read through the API. A role that may not read one
// (support has no channels:read) simply sees the ids.
import type { Context } from "hono";
import { api } from "../shell/api";
import type { DashEnv } from "../shell/env";

export type Names = Map<string, string>;

async function namesOf(c: Context<DashEnv>, path: string): Promise<Names> {
  const res = await api<{ data: { id: string; name: string }[] }>(c, "GET", `${path}?limit=200`);
  return new Map(res.ok ? res.data.data.map((x) => [x.id, x.name]) : []);
}

export const locationNames = (c: Context<DashEnv>) => namesOf(c, "/v1/locations");
export const channelNames = (c: Context<DashEnv>) => namesOf(c, "/v1/channels");

export const nameOf = (names: Names, id: string | null | undefined) => (id ? (names.get(id) ?? id) : "—");
