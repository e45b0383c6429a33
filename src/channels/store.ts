// Channel records in D1. Secrets and credentials are stored for the workers that need them and never presented.
import { type Sql, sql } from "../db/sql";
import type { ChannelKind } from "../domain/channel-event";
import { notFound } from "../http/problem";

export interface ChannelRow {
  id: string;
  code: string;
  name: string;
  kind: ChannelKind;
  active: number;
  credentials: string | null;
  webhook_secret: string | null;
  inventory_url: string | null;
  stock_buffer_units: number;
  stock_buffer_percent: number;
  created_at: number;
  updated_at: number;
}

export const getChannel = (db: D1Database, id: string) => db.prepare("SELECT * FROM channels WHERE id = ?").bind(id).first<ChannelRow>();

export async function channelOr404(db: D1Database, id: string): Promise<ChannelRow> {
  const row = await getChannel(db, id);
  if (!row) throw notFound("channel_not_found", `No channel has the id ${id}.`);
  return row;
}

export const presentChannel = (r: ChannelRow) => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind,
  active: !!r.active,
  webhook_path: `/v1/channels/${r.id}/webhooks`,
  has_webhook_secret: !!r.webhook_secret,
  has_credentials: !!r.credentials,
  inventory_url: r.inventory_url,
  stock_buffer_units: r.stock_buffer_units,
  stock_buffer_percent: r.stock_buffer_percent,
  created_at: r.created_at,
  updated_at: r.updated_at,
});

export const updateChannelSql = (id: string, set: Partial<ChannelRow>): Sql => {
  const entries = Object.entries(set).filter(([, v]) => v !== undefined);
  return sql(`UPDATE channels SET ${entries.map(([k]) => `${k} = ?`).join(", ")} WHERE id = ?`, ...entries.map(([, v]) => v), id);
};
