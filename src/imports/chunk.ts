// One chunk of an import: up to CHUNK_UNITS orders or stock rows, every one idempotent on its own (orders by channel
// and order id, stock counts by file and row), so a chunk run twice changes nothing twice. When done it records its
// progress and sends the next chunk of its lane.
import { getChannel } from "../channels/store";
import { genericOrder, PayloadError } from "../domain/channel-order";
import { type ImportUnit, importUnits, type StockRow } from "../domain/import-file";
import type { Env } from "../env";
import { prepareAll } from "../db/sql";
import { placeChannelOrder } from "../ingest/place";
import { cellOf } from "../inventory/cells";
import { writeProjection } from "../inventory/projection";
import type { Snapshot } from "../inventory/types";
import { job } from "../queues/job";
import { noteSnapshots } from "../read-model/cache";
import { CHUNK_UNITS, chunkDoneSql, getImportRow, type ImportRow, lanesOf } from "./store";

// Orders (or cells) of one chunk worked on at once; their D1 writes share round trips (src/db/together.ts).
const CONCURRENCY = 16;
// A chunk normally takes seconds. One that has not finished by then is waiting on something that will never answer
// (seen locally: a shared D1 round trip whose sender never returned); failing it lets the queue run it again, which
// is safe because every row is idempotent.
const CHUNK_DEADLINE_MS = 120_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`import chunk unfinished after ${ms / 1000} s; it will be retried`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

type RowError = { row: number; message: string };

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const failed = (u: ImportUnit, message: string): RowError[] => u.rows.map((row) => ({ row, message }));

export async function importChunk(env: Env, data: Record<string, unknown>) {
  const imp = await getImportRow(env.DB, String(data.importId));
  if (!imp) return;
  const chunk = Number(data.chunk);
  const done = await env.DB.prepare("SELECT 1 FROM import_chunks WHERE import_id = ? AND chunk = ?").bind(imp.id, chunk).first();
  if (!done) {
    const file = await env.DOCUMENTS.get(imp.file_key);
    if (!file) throw new Error(`import file ${imp.file_key} is missing`);
    const units = importUnits(imp.kind, await file.text()).slice(chunk * CHUNK_UNITS, (chunk + 1) * CHUNK_UNITS);
    const errors = await withDeadline(imp.kind === "inventory_csv" ? importStock(env, imp, units) : importOrders(env, imp, units), CHUNK_DEADLINE_MS);
    const rows = units.reduce((t, u) => t + u.rows.length, 0);
    await env.DB.batch(prepareAll(env.DB, chunkDoneSql(imp.id, chunk, rows, errors, Date.now())));
  }
  const next = chunk + lanesOf(imp.kind);
  if (next < imp.chunks) await env.INGEST.send(job("import_chunk", `${imp.id}:${next}`, { importId: imp.id, chunk: next }));
}

async function importOrders(env: Env, imp: ImportRow, units: ImportUnit[]): Promise<RowError[]> {
  const channel = await getChannel(env.DB, imp.channel_id!);
  if (!channel) return units.flatMap((u) => failed(u, "The import's channel no longer exists."));
  const errors: RowError[] = [];
  const pending: Promise<unknown>[] = [];
  await pool(units, CONCURRENCY, async (u) => {
    if (u.error) return void errors.push(...failed(u, u.error));
    try {
      await placeChannelOrder(env, channel, genericOrder(u.doc), (p) => pending.push(p));
    } catch (err) {
      // A row that cannot be read is the file's fault; anything else is ours and the job is retried.
      if (err instanceof PayloadError) errors.push(...failed(u, err.message));
      else throw err;
    }
  });
  await Promise.allSettled(pending);
  return errors;
}

async function importStock(env: Env, imp: ImportRow, units: ImportUnit[]): Promise<RowError[]> {
  const db = env.DB;
  const rows = units.filter((u) => !u.error).map((u) => ({ unit: u, doc: u.doc as StockRow }));
  const [locations, variants] = await db.batch<{ id: string; code?: string; sku?: string }>([
    db.prepare("SELECT id, code FROM locations"),
    db.prepare("SELECT sku FROM variants WHERE sku IN (SELECT value FROM json_each(?))").bind(JSON.stringify([...new Set(rows.map((r) => r.doc.sku))])),
  ]);
  const locationOf = new Map<string, string>();
  for (const l of locations.results) locationOf.set(l.id, l.id), locationOf.set(l.code!, l.id);
  const known = new Set(variants.results.map((v) => v.sku!));

  const errors: RowError[] = units.flatMap((u) => (u.error ? failed(u, u.error) : []));
  // Rows of one cell in file order, so its last count wins; different cells at once.
  const byCell = new Map<string, { row: number; sku: string; locationId: string; onHand: number }[]>();
  for (const { unit, doc } of rows) {
    const locationId = locationOf.get(doc.location);
    if (!locationId) errors.push(...failed(unit, `No location has the id or code ${doc.location}`));
    else if (!known.has(doc.sku)) errors.push(...failed(unit, `No variant in the catalog has the SKU ${doc.sku}`));
    else {
      const key = `${locationId}/${doc.sku}`;
      byCell.set(key, [...(byCell.get(key) ?? []), { row: unit.rows[0], sku: doc.sku, locationId, onHand: doc.on_hand }]);
    }
  }
  const snapshots: Snapshot[] = [];
  await pool([...byCell.values()], CONCURRENCY, async (cellRows) => {
    for (const r of cellRows) {
      const result = await cellOf(env, r.sku, r.locationId).move(
        { sku: r.sku, locationId: r.locationId },
        // Keyed by the file's content and the row: the same file imported again counts nothing twice.
        { key: `import:${imp.file_hash}:${r.row}`, kind: "count", qty: r.onHand, reason: "import", note: `import ${imp.id} row ${r.row}` },
      );
      if (result.ok) snapshots.push(result.snapshot);
      else errors.push({ row: r.row, message: `The cell refused the count (${result.reason})` });
    }
  });
  await writeProjection(db, snapshots);
  noteSnapshots(snapshots);
  return errors;
}
