/// <reference types="vite/client" />
// After a run: let the OMS finish what it left (queues, background work, the sweep, the cells' own timers moved
// forward), then compare it with itself. Every finding is a line of text naming the cell or order it is about.
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { vi } from "vitest";
import { cellOf } from "../../src/inventory/cells";
import type { Hold, LedgerEntry } from "../../src/inventory/types";
import { sweep } from "../../src/orders/sweep";
import { bounded } from "./ops";
import { checkReturns } from "./returns-checks";
import { type Cell, cellKey, env, type Run } from "./world";

const LATER_MS = 20 * 60_000;
// runInDurableObject's generic type is too deep for the cell's class; the test only needs an untyped instance.
const inCell = runInDurableObject as unknown as (stub: unknown, cb: (cell: any, state: DurableObjectState) => Promise<void>) => Promise<void>;

/** The stock and money audits, when src/audit/ has them (another helper writes them); otherwise none. */
const audits = import.meta.glob("../../src/audit/*.ts") as Record<string, () => Promise<Record<string, unknown>>>;
async function audit(name: "stock" | "money") {
  const load = audits[`../../src/audit/${name}.ts`];
  if (!load) return null;
  const mod = await load();
  const fn = mod[name === "stock" ? "auditStock" : "auditMoney"];
  return typeof fn === "function" ? (fn as (env: unknown, opts?: unknown) => Promise<{ checked: number; discrepancies: unknown[] }>) : null;
}
export const auditsPresent = async () => ({ stock: !!(await audit("stock")), money: !!(await audit("money")) });

/**
 * Moves a cell's clock: what its alarm would do `ms` from now (expire held holds, settle paid ones nobody took).
 * Reaches into the cell's private steps, because the test cannot move the runtime's clock; skipped if they moved.
 */
async function cellLater(c: Cell, ms: number) {
  const stub = cellOf(env, c.sku, c.locationId);
  await inCell(stub, async (cell, state) => {
    const at = Date.now() + ms;
    if (typeof cell.expireDue === "function") state.storage.transactionSync(() => cell.expireDue(at));
    if (typeof cell.settleAwaitingOrders === "function") await cell.settleAwaitingOrders(at);
  });
  await runDurableObjectAlarm(stub);
}

/** Lets the OMS drive every unfinished piece of work to its end, as 20 minutes of cron, alarms and queues would. */
export async function drain(run: Run) {
  await bounded(run, "background work of the run (waitUntil)", Promise.allSettled(run.background));
  await waitQuietly(async () => {
    const r = await env.DB.prepare("SELECT COUNT(*) AS n FROM channel_events WHERE channel_id = ? AND status = 'received'").bind(run.shared.channel).first<{ n: number }>();
    if (r!.n) throw new Error(`${r!.n} channel deliveries not processed yet`);
  });
  for (let pass = 0; pass < 2; pass++) {
    for (const c of run.cells) await bounded(run, `drain: ${c.sku}@${c.locationId} alarm 20 min later`, cellLater(c, LATER_MS));
    for (let i = 0; i < 2; i++)
      await bounded(run, "drain: sweep 20 min later", sweep(env, Date.now() + LATER_MS).catch((err) => void run.anomalies.push(`drain: sweep threw ${String(err).slice(0, 300)}`)));
  }
  // Fulfillment jobs the sweep enqueued make shipments; none moves stock, but wait so their writes are not mid-way.
  await waitQuietly(async () => {
    const r = await env.DB.prepare(
      `SELECT COUNT(*) AS n FROM orders o WHERE o.status = 'open' AND o.payment_status IN ('authorized','paid','partially_paid','partially_refunded')
       AND o.id IN (SELECT order_id FROM allocations WHERE sku IN (SELECT value FROM json_each(?)))
       AND NOT EXISTS (SELECT 1 FROM fulfillments f WHERE f.order_id = o.id)
       AND NOT EXISTS (SELECT 1 FROM backorders b WHERE b.order_id = o.id AND b.state = 'waiting')`,
    )
      .bind(JSON.stringify(run.skus))
      .first<{ n: number }>();
    if (r!.n) throw new Error(`${r!.n} paid orders without fulfillments yet`);
  }, 3_000);
}

async function waitQuietly(check: () => Promise<void>, timeout = 20_000) {
  try {
    await vi.waitFor(check, { timeout, interval: 100 });
  } catch {
    // Not an invariant: the checks below say what is wrong, if anything.
  }
}

async function ledgerOf(c: Cell): Promise<LedgerEntry[]> {
  const stub = cellOf(env, c.sku, c.locationId);
  const out: LedgerEntry[] = [];
  for (let after = 0; ; ) {
    const page = await stub.ledger(after, 500);
    out.push(...page);
    if (page.length < 500) return out;
    after = page[page.length - 1].seq;
  }
}

interface AllocRow {
  id: string;
  order_id: string;
  sku: string;
  location_id: string;
  quantity: number;
  hold_id: string;
  status: string;
  payment_status: string;
  stock_state: string;
  /** The status of the fulfillment its units are in; null before the fulfillment job placed them. */
  fulfillment: string | null;
}

const ACTIVE = new Set(["held", "committed"]);
const SHIPPED = new Set(["shipped", "delivered"]);
/** An allocation whose units an order still wants from the cell: not cancelled, not in a cancelled or sent shipment. */
const isLive = (a: AllocRow) => a.status !== "cancelled" && a.fulfillment !== "cancelled" && !SHIPPED.has(a.fulfillment ?? "");
const CONFIRMED = new Set(["authorized", "paid", "partially_paid", "partially_refunded"]);

/** Our own invariants, independent of the audits: the cells balance and every unit held is owned, and only once. */
export async function check(run: Run): Promise<string[]> {
  const found: string[] = [...run.anomalies];
  const { results: allocs } = await env.DB.prepare(
    `SELECT a.id, a.order_id, a.sku, a.location_id, a.quantity, a.hold_id, o.status, o.payment_status, o.stock_state, f.status AS fulfillment
     FROM allocations a JOIN orders o ON o.id = a.order_id
     LEFT JOIN fulfillment_lines fl ON fl.id = 'fl_' || substr(a.id, 7) LEFT JOIN fulfillments f ON f.id = fl.fulfillment_id
     WHERE a.sku IN (SELECT value FROM json_each(?))`,
  )
    .bind(JSON.stringify(run.skus))
    .all<AllocRow>();
  const byHold = new Map<string, AllocRow[]>();
  for (const a of allocs) byHold.set(a.hold_id, [...(byHold.get(a.hold_id) ?? []), a]);

  const ledgers = new Map<string, LedgerEntry[]>();
  for (const c of run.cells) {
    const where = `${c.sku}@${c.locationId}`;
    const stub = cellOf(env, c.sku, c.locationId);
    const [s, ledger, holds] = await Promise.all([stub.snapshot(), ledgerOf(c), stub.holds(5000) as Promise<Hold[]>]);
    ledgers.set(cellKey(c), ledger);
    const sum = (f: (e: LedgerEntry) => number) => ledger.reduce((t, e) => t + f(e), 0);
    const sums = [sum((e) => e.onHandDelta), sum((e) => e.heldDelta), sum((e) => e.committedDelta)];
    if (sums.join() !== [s.onHand, s.held, s.committed].join())
      found.push(`${where}: ledger sums on_hand/held/committed ${sums.join("/")} != figures ${s.onHand}/${s.held}/${s.committed}`);
    const bad = ledger.find((e) => e.onHand < 0 || e.held < 0 || e.committed < 0);
    if (bad) found.push(`${where}: figures went negative at ledger #${bad.seq} (${bad.op} ${bad.ref}): ${bad.onHand}/${bad.held}/${bad.committed}`);
    const inHolds = (state: string) => holds.filter((h) => h.state === state).reduce((t, h) => t + h.qty, 0);
    if (inHolds("held") !== s.held || inHolds("committed") !== s.committed)
      found.push(`${where}: holds add up to held ${inHolds("held")} committed ${inHolds("committed")}, figures say ${s.held}/${s.committed}`);
    // No oversell: nothing promised beyond stock unless backorders allow it or a count found less than was promised.
    const floor = s.allowBackorder ? -(s.backorderLimit ?? Infinity) : 0;
    if (s.available < floor && !run.shortCounted.has(cellKey(c)))
      found.push(`${where}: oversold: available ${s.available} below ${floor} (on_hand ${s.onHand}, held ${s.held}, committed ${s.committed})`);

    for (const h of holds) {
      const owners = byHold.get(h.id) ?? [];
      const live = owners.filter(isLive);
      if (ACTIVE.has(h.state) && !live.length)
        found.push(
          `${where}: ${h.state} hold ${h.id} (${h.qty} units, ref ${h.ref}, expires ${h.expiresAt ?? "never"}) has no live order: ` +
            (owners.length ? `its order ${owners[0].order_id} is cancelled (stock_state ${owners[0].stock_state})` : "no allocation names it"),
        );
    }
    const holdById = new Map(holds.map((h) => [h.id, h]));
    for (const [holdId, owners] of byHold) {
      const a0 = owners[0];
      if (a0.sku !== c.sku || a0.location_id !== c.locationId) continue;
      const h = holdById.get(holdId);
      const qty = owners.filter(isLive).reduce((t, a) => t + a.quantity, 0);
      const orders = [...new Set(owners.map((a) => a.order_id))];
      if (orders.length > 1) found.push(`${where}: hold ${holdId} is named by ${orders.length} orders: ${orders.join(", ")}`);
      const shipped = owners.filter((a) => a.status !== "cancelled" && SHIPPED.has(a.fulfillment ?? ""));
      const live = owners.filter(isLive);
      const order = `order ${a0.order_id} (${a0.status}/${a0.payment_status}/${a0.stock_state}, fulfillment ${a0.fulfillment ?? "none"})`;
      if (shipped.length && h?.state !== "fulfilled") found.push(`${where}: ${order} shipped hold ${holdId}, which the cell has ${h?.state ?? "never seen"}`);
      if (!shipped.length && h?.state === "fulfilled") found.push(`${where}: hold ${holdId} is fulfilled (on-hand went down) but ${order} did not ship it`);
      if (!live.length || shipped.length) continue;
      if (!h) found.push(`${where}: ${order} allocates ${qty} units to hold ${holdId}, which the cell does not have`);
      else if (!ACTIVE.has(h.state)) found.push(`${where}: ${order} allocates ${qty} units to hold ${holdId}, which is ${h.state}`);
      else if (h.qty !== qty) found.push(`${where}: ${order} allocates ${qty} units to hold ${holdId} of ${h.qty} units`);
      else if (CONFIRMED.has(a0.payment_status) && h.state === "held") found.push(`${where}: paid ${order} has hold ${holdId} only held, not committed`);
    }
  }

  found.push(...(await checkReturns(run, ledgers)));

  // Every order the OMS answered with exists; every refused checkout left none.
  const { results: known } = await env.DB.prepare("SELECT id, status, stock_state FROM orders WHERE id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(run.orders.map((o) => o.id)))
    .all<{ id: string; status: string; stock_state: string }>();
  const have = new Map(known.map((o) => [o.id, o]));
  for (const o of run.orders) if (!have.has(o.id)) found.push(`order ${o.id} (${o.how}) was answered but is not in D1`);
  for (const o of known)
    if (o.status === "cancelled" && o.stock_state !== "released") found.push(`order ${o.id} is cancelled but its stock_state is ${o.stock_state} after the sweep`);
  if (run.refused.length) {
    const { results } = await env.DB.prepare("SELECT id, checkout_key FROM orders WHERE checkout_key IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(run.refused))
      .all<{ id: string; checkout_key: string }>();
    for (const r of results) found.push(`checkout ${r.checkout_key} was refused (409) but order ${r.id} exists`);
  }

  // The audits, cell by cell of this run (other runs of this file have cells of their own).
  const stock = await audit("stock");
  if (stock)
    for (const c of run.cells) {
      const r = await stock(env, { sku: c.sku, locationId: c.locationId });
      for (const d of r.discrepancies as { severity?: string }[])
        if (d.severity === "warning") run.warnings.push(`auditStock: ${JSON.stringify(d)}`);
        else found.push(`auditStock: ${JSON.stringify(d)}`);
    }
  const money = await audit("money");
  if (money) {
    const ids = new Set([...run.orders.map((o) => o.id), ...allocs.map((a) => a.order_id)]);
    for (const orderId of ids) {
      const r = await money(env, { orderId });
      for (const d of r.discrepancies as { severity?: string }[])
        if (d.severity === "warning") run.warnings.push(`auditMoney: ${JSON.stringify(d)}`);
        else found.push(`auditMoney: ${JSON.stringify(d)}`);
    }
  }
  return found;
}
