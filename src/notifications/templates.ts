// Customer messages: a subject and a plain-text body per kind. Pure functions, no I/O.
import { formatMoney } from "../domain/invoice";

export const NOTIFICATION_KINDS = [
  "order_confirmed",
  "order_shipped",
  "order_delivered",
  "return_requested",
  "return_approved",
  "return_declined",
  "return_received",
  "refund_issued",
  "exchange_shipped",
  "order_out_for_delivery",
  "order_delivery_exception",
  "satisfaction_survey",
  "ready_for_pickup",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The events a customer hears about, and what they are told. */
export const KIND_OF_EVENT: Partial<Record<string, NotificationKind>> = {
  "order.confirmed": "order_confirmed",
  "fulfillment.shipped": "order_shipped",
  "fulfillment.delivered": "order_delivered",
  "return.requested": "return_requested",
  "return.approved": "return_approved",
  "return.declined": "return_declined",
  "return.received": "return_received",
  "refund.created": "refund_issued",
  "exchange.shipped": "exchange_shipped",
  "fulfillment.out_for_delivery": "order_out_for_delivery",
  "fulfillment.exception": "order_delivery_exception",
};

/** The kinds about a return or a refund: their context comes from the return (src/notifications/return-context.ts). */
export const RETURN_KINDS: readonly NotificationKind[] = ["return_requested", "return_approved", "return_declined", "return_received", "refund_issued", "exchange_shipped"];

export interface MessageContext {
  orderNumber: number;
  items: { title: string; sku: string; quantity: number }[];
  tracking?: { url?: string; number?: string; carrier?: string };
  /** For the return kinds: the RMA the shopper quotes, and what the event says about it. */
  ret?: ReturnContext;
  /** satisfaction_survey: the unguessable link to the one-question survey (src/satisfaction). */
  surveyUrl?: string;
  /** ready_for_pickup: the code to show at the counter (never stored in clear by the OMS), where, and until when. */
  pickup?: { code: string; place: string; collectBy: string };
}

/** The carrier a pickup shipment "ships" with when the store hands it over (src/pickup/handover.ts). */
export const PICKUP_CARRIER = "pickup";

export interface ReturnContext {
  /** R-<order number>-<n>; absent for a refund without a return (goodwill, shipping). */
  rma?: string;
  declineReason?: string;
  declineNote?: string;
  /** refund_issued: the money going back, in minor units, and how. */
  refund?: { total: number; currency: string; storeCredit: number };
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

const itemList = (items: MessageContext["items"]) => items.map((i) => `- ${i.quantity} × ${i.title} (${i.sku})`).join("\n");

function trackingLines(tracking: MessageContext["tracking"]) {
  if (!tracking) return [];
  const lines = [];
  if (tracking.number) lines.push(`Tracking number: ${tracking.number}${tracking.carrier ? ` (${tracking.carrier})` : ""}`);
  if (tracking.url) lines.push(`Track your parcel: ${tracking.url}`);
  return lines;
}

const DECLINE_REASONS: Record<string, string> = {
  outside_window: "the return window for these items has passed",
  final_sale: "these items were sold as final sale",
  not_eligible: "these items cannot be returned",
  used_or_damaged: "the items are used or damaged",
};

/** How the shopper gets the label: the store's returns page asks for the same proof as the order lookup. */
const labelLines = (orderNumber: number, rma: string) => [
  "Your prepaid return label is ready. On our store's returns page, enter your order number",
  `(${orderNumber}), your email address and the return number ${rma} to download it.`,
  `Print it, stick it on the parcel, and write ${rma} on a note inside.`,
];

function refundLine(refund: ReturnContext["refund"]) {
  if (!refund) return "We have refunded your money.";
  const total = formatMoney(refund.total, refund.currency);
  if (!refund.storeCredit) return `We have refunded ${total} to your original payment method. It can take a few days to show.`;
  if (refund.storeCredit >= refund.total) return `We have refunded ${total} as store credit, ready for your next order.`;
  const credit = formatMoney(refund.storeCredit, refund.currency);
  return `We have refunded ${total}: ${credit} as store credit, the rest to your original payment method.`;
}

export function render(kind: NotificationKind, ctx: MessageContext): RenderedMessage {
  const order = `order #${ctx.orderNumber}`;
  const rma = ctx.ret?.rma ?? "";
  const returnOf = rma ? `return ${rma}` : "return";
  switch (kind) {
    case "order_out_for_delivery":
      return {
        subject: `Your ${order} is out for delivery`,
        body: [`Your parcel for ${order} is out for delivery today.`, "", itemList(ctx.items), "", ...trackingLines(ctx.tracking)].join("\n").trimEnd(),
      };
    case "order_delivery_exception":
      return {
        subject: `A delivery problem with your ${order}`,
        body: [
          `The carrier reports a problem delivering your parcel for ${order}. We are looking into it.`,
          "",
          itemList(ctx.items),
          "",
          ...trackingLines(ctx.tracking),
        ].join("\n").trimEnd(),
      };
    case "satisfaction_survey":
      return {
        subject: `How did we do with your ${order}?`,
        body: [
          `Your ${order} was delivered. One question, one click:`,
          "How likely are you to recommend us to a friend, from 0 to 10?",
          "",
          ctx.surveyUrl ?? "",
        ].join("\n").trimEnd(),
      };
    case "order_confirmed":
      return {
        subject: `We have your ${order}`,
        body: [`Thank you! Your ${order} is confirmed.`, "", "Items:", itemList(ctx.items), "", "We will write again when it ships."].join("\n"),
      };
    case "order_shipped":
      return {
        subject: `Your ${order} is on its way`,
        body: [`Good news: these items of your ${order} have shipped.`, "", itemList(ctx.items), "", ...trackingLines(ctx.tracking)].join("\n").trimEnd(),
      };
    case "order_delivered":
      if (ctx.tracking?.carrier === PICKUP_CARRIER)
        return {
          subject: `You collected your ${order}`,
          body: [`You collected your ${order} at the store.`, "", itemList(ctx.items), "", "Enjoy, and thank you for shopping with us."].join("\n"),
        };
      return {
        subject: `Your ${order} was delivered`,
        body: [`Your parcel for ${order} was delivered.`, "", itemList(ctx.items), "", "Enjoy, and thank you for shopping with us."].join("\n"),
      };
    case "return_requested":
      return {
        subject: `We received your return request ${rma} for ${order}`,
        body: [`Thank you: we have your request to return these items of your ${order}.`, "", itemList(ctx.items), "", `Your return number is ${rma}.`, "We will write again once we have looked at it."].join("\n"),
      };
    case "return_approved":
      return {
        subject: `Your return ${rma} for ${order} is approved`,
        body: [`Good news: your ${returnOf} is approved. Please send back:`, "", itemList(ctx.items), "", ...labelLines(ctx.orderNumber, rma)].join("\n"),
      };
    case "return_declined": {
      const why = DECLINE_REASONS[ctx.ret?.declineReason ?? ""];
      return {
        subject: `About your return request ${rma} for ${order}`,
        body: [
          `We are sorry: we cannot accept your ${returnOf}${why ? ` because ${why}` : ""}.`,
          ...(ctx.ret?.declineNote ? ["", ctx.ret.declineNote] : []),
          "",
          "Items:",
          itemList(ctx.items),
          "",
          "Reply to this message if you have a question.",
        ].join("\n"),
      };
    }
    case "return_received":
      return {
        subject: `We received your return ${rma}`,
        body: [`Your parcel for ${returnOf} of ${order} has arrived. We received:`, "", itemList(ctx.items), "", "We will write again when your refund is on its way."].join("\n"),
      };
    case "refund_issued":
      return {
        subject: rma ? `Your refund for return ${rma}` : `A refund for your ${order}`,
        body: [refundLine(ctx.ret?.refund), "", rma ? `It is for your return ${rma} of ${order}.` : `It is for your ${order}.`].join("\n"),
      };
    case "exchange_shipped":
      return {
        subject: `Your exchange for return ${rma} is on its way`,
        body: [`Your replacement items for ${returnOf} of ${order} have shipped.`, "", itemList(ctx.items), "", ...trackingLines(ctx.tracking)].join("\n").trimEnd(),
      };
    case "ready_for_pickup":
      return {
        subject: `Your ${order} is ready for pickup`,
        body: [
          `Your ${order} is ready for pickup at ${ctx.pickup?.place ?? "the store"}.`,
          "",
          itemList(ctx.items),
          "",
          `Your pickup code: ${ctx.pickup?.code ?? ""}`,
          "Show it at the counter; we hand the order only to whoever has the code.",
          `We keep it for you until ${ctx.pickup?.collectBy ?? "the date the store tells you"}.`,
        ].join("\n"),
      };
  }
}
