// A refund recorded at a channel becomes, here: a return (source channel, named by the channel's refund id, so a
// redelivery finds the same return), the units the channel restocked received as restocked (once: the receive is
// keyed by the refund), and the money as a refund of kind channel (a payments row of the channel's provider, 'manual':
// the money already moved there, with its credit note), recorded once. Each step finds what an earlier run of the
// same refund did, so a run that died halfway is finished by the next delivery or a replay.
import type { ChannelRow } from "../channels/store";
import type { Env } from "../env";
import { Problem } from "../http/problem";
import { channelOrderKey, ourSkus } from "../ingest/place";
import { loadOrder, type LoadedOrder } from "../orders/store";
import { issueRefund } from "../refunds/issue";
import { moneyOfOrder, type Plan } from "../refunds/plan";
import { receiveReturn } from "../returns-receiving/receive";
import { lineFacts } from "../returns/claims";
import { requestReturn } from "../returns/request";
import { type LoadedReturn, requireReturn } from "../returns/store";
import type { ChannelRefund } from "./shopify-refund";

export interface Recorded {
  outcome: "refund_recorded" | "order_unknown";
  orderId: string | null;
  returnId?: string;
  refundId?: string;
  /** What could not be done, for the channel event's list (a return refused by the policy, a receive refused). */
  note?: string;
}

/** The note that marks a refund as this channel refund's: a redelivery finds it and records no second one. */
const markOf = (r: ChannelRefund) => `Recorded from the channel: refund ${r.externalId}`;

export async function recordChannelRefund(env: Env, channel: ChannelRow, refund: ChannelRefund): Promise<Recorded> {
  const order = await loadOrder(env.DB, { checkoutKey: channelOrderKey(channel.id, refund.orderExternalId) });
  if (!order) return { outcome: "order_unknown", orderId: null, note: `No order of this channel has the id ${refund.orderExternalId} (yet): replay this delivery once it is here.` };
  const actor = `channel:${channel.id}`;
  const notes: string[] = [];

  const ret = await returnOf(env, channel, order, refund, actor, notes);
  if (ret) await restock(env, channel, ret, refund, actor, notes);
  const refundId = await money(env, order.row.id, ret ? await requireReturn(env.DB, ret.row.id) : null, refund, actor);
  return { outcome: "refund_recorded", orderId: order.row.id, returnId: ret?.row.id, refundId: refundId ?? undefined, ...(notes.length ? { note: notes.join(" ") } : {}) };
}

/** The return of this refund: the one recorded before, or a new one for the refunded units that shipped. */
async function returnOf(env: Env, channel: ChannelRow, order: LoadedOrder, refund: ChannelRefund, actor: string, notes: string[]): Promise<LoadedReturn | null> {
  const seen = await env.DB.prepare("SELECT id FROM returns WHERE order_id = ? AND external_id = ?").bind(order.row.id, refund.externalId).first<{ id: string }>();
  if (seen) return requireReturn(env.DB, seen.id);
  if (!refund.lines.length) return null; // money only: shipping, an adjustment

  const skus = await ourSkus(env.DB, channel.id, refund.lines.map((l) => l.externalSku));
  // Per order line what is still returnable (shipped, not claimed); a SKU on two lines fills them in order.
  const left = new Map((await lineFacts(env.DB, order.row.id)).map((l) => [l.id, { sku: l.sku, left: Math.max(0, l.shipped - l.claimed) }]));
  const wanted = new Map<string, number>();
  for (const line of refund.lines) {
    let qty = line.quantity;
    for (const [id, l] of left) {
      if (qty === 0) break;
      if (l.sku !== (skus.get(line.externalSku) ?? line.externalSku) || l.left === 0) continue;
      const take = Math.min(qty, l.left);
      l.left -= take;
      qty -= take;
      wanted.set(id, (wanted.get(id) ?? 0) + take);
    }
    if (qty > 0) notes.push(`${qty} unit(s) of ${line.externalSku} were not shipped here or are already returned: refunded without a return.`);
  }
  if (!wanted.size) return null;
  try {
    const view = await requestReturn(
      env,
      order.row.id,
      // Shopify's refunds carry no reason code: the channel's note says what it knows.
      { lines: [...wanted].map(([order_line_id, quantity]) => ({ order_line_id, quantity, reason: "other" as const })), note: refund.note ?? `Refunded at the channel (${refund.externalId})` },
      { source: "channel", actor, externalId: refund.externalId },
    );
    return requireReturn(env.DB, view.id);
  } catch (err) {
    // The return policy (window, final sale) or a claim made meanwhile: the channel's money is recorded all the same.
    if (err instanceof Problem && err.status < 500) {
      notes.push(`No return recorded: ${err.code} (${err.detail ?? err.title}).`);
      return null;
    }
    throw err;
  }
}

/** The units the channel put back on sale, received as restocked at the return's location: once per refund. */
async function restock(env: Env, channel: ChannelRow, ret: LoadedReturn, refund: ChannelRefund, actor: string, notes: string[]) {
  const skus = new Map<string, number>();
  for (const l of refund.lines.filter((x) => x.restock)) skus.set(l.externalSku, (skus.get(l.externalSku) ?? 0) + l.quantity);
  if (!skus.size) return;
  const mapped = await ourSkus(env.DB, channel.id, [...skus.keys()]);
  const lines = [];
  for (const [external, quantity] of skus) {
    let qty = quantity;
    for (const l of ret.lines.filter((x) => x.sku === (mapped.get(external) ?? external))) {
      const take = Math.min(qty, l.quantity);
      if (take > 0) lines.push({ return_line_id: l.id, quantity: take, disposition: "restock" as const });
      qty -= take;
    }
  }
  if (!lines.length) return;
  try {
    // The key names this receive: a redelivery, a replay or a run after a crash answers it as done, restocking nothing.
    await receiveReturn(env, ret.row.id, { lines }, { actor, key: `channel-refund:${refund.externalId}` });
  } catch (err) {
    if (err instanceof Problem && err.status < 500) notes.push(`Not restocked: ${err.code} (${err.detail ?? err.title}).`);
    else throw err;
  }
}

/** The channel's money as a refund of kind channel, unless this refund's is recorded already. */
async function money(env: Env, orderId: string, ret: LoadedReturn | null, refund: ChannelRefund, actor: string): Promise<string | null> {
  const mark = markOf(refund);
  const seen = await env.DB.prepare("SELECT id FROM refunds WHERE order_id = ? AND kind = 'channel' AND note = ?").bind(orderId, mark).first<{ id: string }>();
  if (seen) return seen.id;
  if (refund.amount <= 0) return null;
  const order = (await loadOrder(env.DB, { id: orderId }))!;
  const money = moneyOfOrder(order);
  // The units of the return that came back and are not refunded yet count as refunded by this money.
  const lines = (ret?.lines ?? []).flatMap((l) => {
    const k = l.restocked + l.damaged + l.inspecting - l.refunded;
    return k > 0 ? [{ id: l.id, refunded: l.refunded, quantity: k }] : [];
  });
  const amount = refund.amount;
  const plan: Plan = {
    order,
    money,
    ret,
    lines,
    figures: {
      lines: [],
      items_amount: amount,
      tax_amount: 0,
      shipping_amount: 0,
      restocking_fee: 0,
      return_shipping_fee: 0,
      fee_amount: 0,
      total: amount,
      original_amount: amount,
      store_credit_amount: 0,
      max_refundable: Math.max(0, money.captured - money.refunded),
      shipping_refundable: 0,
    },
  };
  const issued = await issueRefund(env, plan, { kind: "channel", actor, reason: `channel refund ${refund.externalId}`, note: mark });
  return issued.id;
}
