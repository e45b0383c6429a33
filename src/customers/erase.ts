// Erasing a customer (GDPR Art. 17) everywhere their personal data is kept: the customer record, their orders, the
// orders' timelines, internal notes, the events outbox, the notifications outbox, stored idempotent answers, and the
// label and packing-slip PDFs in R2. Amounts, lines, SKUs, dates and numbers stay (Art. 17(3)(b): accounting).
// Webhook deliveries keep no bodies (they are rebuilt from the outbox), so scrubbing the outbox reaches them too.
// The customer's orders are the linked ones and those carrying one of their emails without a customer: a channel order
// written on hold (src/ingest/held-order.ts) has no customer link, and what the channel sent of it is kept raw.
import { type Sql, insert, prepareAll, sql } from "../db/sql";
import { erasedAddress, personalStrings, pseudonymEmail, scrubJsonText, scrubText } from "../domain/erasure";
import type { Env } from "../env";
import { conflict } from "../http/problem";
import { timelineEvent } from "../orders/timeline";
import { type CustomerRow, customerOr404 } from "./store";

// Statements per D1 batch: a customer with thousands of orders must not make one giant transaction.
const CHUNK = 50;

interface OrderPersonal {
  id: string;
  number: number;
  email: string;
  shipping_address: string | null;
  billing_address: string | null;
  status: string;
  fulfillment_status: string;
  created_at: number;
}

export async function eraseCustomer(env: Env, actor: string, id: string): Promise<CustomerRow> {
  const db = env.DB;
  const customer = await customerOr404(db, id);
  if (customer.erased_at) return customer;

  const orders = await ordersOf(db, customer);
  // An order still to be shipped needs its address: cancel or ship it first.
  const unshipped = orders.filter((o) => (o.status === "open" || o.status === "on_hold") && (o.fulfillment_status === "unfulfilled" || o.fulfillment_status === "partial"));
  if (unshipped.length)
    throw conflict("customer_has_open_orders", "Orders still to be shipped need the customer's address; cancel or ship them first.", {
      orders: unshipped.map((o) => o.number),
    });

  const pseudonym = pseudonymEmail(id);
  const addresses = orders.flatMap((o) => [o.shipping_address, o.billing_address]).filter((a): a is string => !!a).map((a) => JSON.parse(a) as unknown);
  const secrets = personalStrings([customer, ...orders.map((o) => ({ email: o.email }))], addresses);
  const emails = [...new Set([customer.email, ...orders.map((o) => o.email.trim().toLowerCase())])].filter((e) => e && e !== pseudonym);

  // Copies first, sources last: if this stops half way, the sources still hold what to look for and a retry finishes.
  const copies = await copyRewrites(env, orders.map((o) => o.id), emails, secrets, pseudonym);
  for (let i = 0; i < copies.length; i += CHUNK) await db.batch(prepareAll(db, copies.slice(i, i + CHUNK)));
  await deleteDocuments(env, orders.map((o) => o.id));

  const now = Date.now();
  const sources: Sql[] = orders.flatMap((o) => [
    sql(
      `UPDATE orders SET email = ?, shipping_address = ?, billing_address = ?, client_ip_hash = NULL, version = version + 1, updated_at = ?
       WHERE id = ?`,
      pseudonym,
      erasedJson(o.shipping_address),
      erasedJson(o.billing_address),
      now,
      o.id,
    ),
    insert("order_events", timelineEvent(o.id, "order.personal_data_erased", actor, now, { customer_id: id })),
  ]);
  // The customer goes last: until then a retry still knows the email, name and phone to look for.
  sources.push(sql("UPDATE customers SET email = ?, name = NULL, phone = NULL, erased_at = ?, updated_at = ? WHERE id = ?", pseudonym, now, now, id));
  for (let i = 0; i < sources.length; i += CHUNK) await db.batch(prepareAll(db, sources.slice(i, i + CHUNK)));
  return customerOr404(db, id);
}

/**
 * Linked orders, orders without a customer that carry the customer's email (any case, as a channel sent it), and
 * orders already given the pseudonym by an erasure that stopped half way (so a retry still finishes their copies).
 */
async function ordersOf(db: D1Database, customer: CustomerRow): Promise<OrderPersonal[]> {
  const cols = "id, number, email, shipping_address, billing_address, status, fulfillment_status, created_at";
  const linked = (await db.prepare(`SELECT ${cols} FROM orders WHERE customer_id = ?1 OR email = ?2`).bind(customer.id, pseudonymEmail(customer.id)).all<OrderPersonal>())
    .results;
  const emails = [...new Set([customer.email, ...linked.map((o) => o.email)].map((e) => e.trim().toLowerCase()))].filter(Boolean);
  // Orders without a customer are few (held channel orders): the customer_id index finds them, the email filters.
  const unlinked = (
    await db
      .prepare(`SELECT ${cols} FROM orders WHERE customer_id IS NULL AND lower(trim(email)) IN (SELECT value FROM json_each(?))`)
      .bind(JSON.stringify(emails))
      .all<OrderPersonal>()
  ).results;
  const byId = new Map([...linked, ...unlinked].map((o) => [o.id, o]));
  return [...byId.values()].sort((a, b) => a.created_at - b.created_at || a.id.localeCompare(b.id));
}

const erasedJson = (text: string | null) => (text ? JSON.stringify(erasedAddress(JSON.parse(text) as { country?: unknown })) : null);

/** UPDATEs for every copy that changes once scrubbed; rows already clean are left alone. */
async function copyRewrites(env: Env, orderIds: string[], emails: string[], secrets: string[], pseudonym: string): Promise<Sql[]> {
  const db = env.DB;
  const out: Sql[] = [];
  const rewrite = (table: string, column: string, key: string, rows: unknown[], scrub: (t: string) => string) => {
    for (const row of rows as Record<string, unknown>[]) {
      const before = row[column] as string | null;
      if (before === null) continue;
      const after = scrub(before);
      if (after !== before) out.push(sql(`UPDATE ${table} SET ${column} = ? WHERE ${key} = ?`, after, row[key]));
    }
  };
  const json = (t: string) => scrubJsonText(t, secrets, pseudonym);
  const text = (t: string) => scrubText(t, secrets, pseudonym);
  const extra = await tablesPresent(db, ["channel_events", "order_risk_facts"]);
  // Customers have few orders; chunks keep each IN list far below D1's 100 bound parameters.
  for (let i = 0; i < orderIds.length; i += 90) {
    const ids = orderIds.slice(i, i + 90);
    const inList = `(${ids.map(() => "?").join(", ")})`;
    const [timeline, outbox, notes, notifications] = await db.batch([
      db.prepare(`SELECT id, data FROM order_events WHERE order_id IN ${inList}`).bind(...ids),
      db.prepare(`SELECT id, data FROM events WHERE order_id IN ${inList}`).bind(...ids),
      db.prepare(`SELECT id, body FROM order_notes WHERE order_id IN ${inList}`).bind(...ids),
      db.prepare(`SELECT id, status, subject, body FROM notifications WHERE order_id IN ${inList}`).bind(...ids),
    ]);
    if (extra.has("channel_events"))
      rewrite("channel_events", "body", "id", (await db.prepare(`SELECT id, body FROM channel_events WHERE order_id IN ${inList}`).bind(...ids).all()).results, json);
    if (extra.has("order_risk_facts"))
      out.push(sql(`UPDATE order_risk_facts SET email = ?, ip_hash = NULL, address_key = NULL WHERE order_id IN ${inList}`, pseudonym, ...ids));
    rewrite("order_events", "data", "id", timeline.results, json);
    rewrite("events", "data", "id", outbox.results, json);
    rewrite("order_notes", "body", "id", notes.results, text);
    for (const n of notifications.results as { id: string; status: string; subject: string; body: string }[])
      // A message not sent yet never will be: its recipient is gone.
      out.push(
        sql(
          `UPDATE notifications SET recipient = ?, subject = ?, body = ?,
           status = CASE WHEN status = 'pending' THEN 'unsent' ELSE status END,
           last_error = CASE WHEN status = 'pending' THEN 'customer erased' ELSE last_error END WHERE id = ?`,
          pseudonym,
          text(n.subject),
          text(n.body),
          n.id,
        ),
      );
  }
  // Channel deliveries that name the customer but no order of theirs (one that failed, or came before its order).
  if (extra.has("channel_events"))
    for (const email of emails) {
      const { results } = await db.prepare("SELECT id, body FROM channel_events WHERE instr(lower(body), ?) > 0").bind(email).all();
      rewrite("channel_events", "body", "id", results, json);
    }
  // Stored answers of idempotent requests (a checkout's answer is the order) live 24 h; only live ones can hold them.
  for (const email of emails) {
    const { results } = await db
      .prepare("SELECT principal, key, response_body FROM idempotency_keys WHERE expires_at > ? AND instr(lower(response_body), ?) > 0")
      .bind(Date.now(), email)
      .all<{ principal: string; key: string; response_body: string }>();
    for (const r of results)
      out.push(sql("UPDATE idempotency_keys SET response_body = ? WHERE principal = ? AND key = ?", json(r.response_body), r.principal, r.key));
  }
  return out;
}

// Other capabilities keep copies per order too: what channels pushed (raw bodies) and the facts fraud screening counts
// by. Their tables come with their own migrations, hence the check. Issued invoices are kept as issued (accounting).
async function tablesPresent(db: D1Database, names: string[]) {
  const { results } = await db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name IN (${names.map(() => "?").join(", ")})`)
    .bind(...names)
    .all<{ name: string }>();
  return new Set(results.map((r) => r.name));
}

/** Labels and packing slips print the name and address; the shipment records (carrier, tracking) stay. */
async function deleteDocuments(env: Env, orderIds: string[]) {
  const { results } = await env.DB.prepare("SELECT label_key, packing_slip_key FROM fulfillments WHERE order_id IN (SELECT value FROM json_each(?))")
    .bind(JSON.stringify(orderIds))
    .all<{ label_key: string | null; packing_slip_key: string | null }>();
  const keys = results.flatMap((r) => [r.label_key, r.packing_slip_key]).filter((k): k is string => !!k);
  if (keys.length) await env.DOCUMENTS.delete(keys);
}
