// Cron step: the stock audit of the cells that changed since their last audit (their read-model version moved past
// the one audit_cells remembers), a bounded number per run, oldest change first. A cell whose findings differ from
// the last run's raises inventory.audit_discrepancy once; a cell that stays wrong is not raised again every minute.
import { prepareAll, type Sql, sql } from "../db/sql";
import type { Env } from "../env";
import { outboxSql } from "../events/emit";
import { findingKey } from "./kinds";
import { auditCells } from "./stock";

/** Each cell costs a Durable Object call and its share of two D1 reads: 200 keep a run well inside a cron's limits. */
export const AUDIT_CELLS_PER_RUN = 200;

export interface AuditRunReport {
  cells: number;
  discrepancies: number;
  raised: number;
}

export async function auditSoon(env: Env, now = Date.now(), limit = AUDIT_CELLS_PER_RUN): Promise<AuditRunReport> {
  const { results } = await env.DB.prepare(
    `SELECT l.sku, l.location_id, s.findings FROM inventory_levels l
     LEFT JOIN audit_cells s ON s.sku = l.sku AND s.location_id = l.location_id
     WHERE s.version IS NULL OR l.version > s.version ORDER BY l.updated_at LIMIT ?`,
  )
    .bind(limit)
    .all<{ sku: string; location_id: string; findings: string | null }>();
  const report: AuditRunReport = { cells: results.length, discrepancies: 0, raised: 0 };
  if (!results.length) return report;
  const before = new Map(results.map((r) => [`${r.location_id}/${r.sku}`, r.findings ?? ""]));
  const { cells } = await auditCells(env, results.map((r) => ({ sku: r.sku, locationId: r.location_id })), now);
  const writes: Sql[] = [];
  for (const { cell, version, discrepancies } of cells) {
    const findings = [...new Set(discrepancies.map(findingKey))].sort().join("\n");
    report.discrepancies += discrepancies.length;
    if (findings && findings !== before.get(`${cell.locationId}/${cell.sku}`)) {
      report.raised++;
      writes.push(
        outboxSql(
          "inventory.audit_discrepancy",
          { sku: cell.sku, location_id: cell.locationId, version, count: discrepancies.length, discrepancies: discrepancies.slice(0, 20) },
          null,
          now,
        ),
      );
    }
    writes.push(
      sql(
        `INSERT INTO audit_cells (sku, location_id, version, findings, audited_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (sku, location_id) DO UPDATE SET version = MAX(audit_cells.version, excluded.version),
           findings = excluded.findings, audited_at = excluded.audited_at
         WHERE excluded.audited_at >= audit_cells.audited_at`,
        cell.sku,
        cell.locationId,
        version,
        findings,
        now,
      ),
    );
  }
  // One transaction: the event exists if and only if the findings it reports are remembered.
  await env.DB.batch(prepareAll(env.DB, writes));
  return report;
}
