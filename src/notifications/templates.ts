// Customer messages: a subject and a plain-text body per kind. Pure functions, no I/O.

export const NOTIFICATION_KINDS = ["order_confirmed", "order_shipped", "order_delivered"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The events a customer hears about, and what they are told. */
export const KIND_OF_EVENT: Partial<Record<string, NotificationKind>> = {
  "order.confirmed": "order_confirmed",
  "fulfillment.shipped": "order_shipped",
  "fulfillment.delivered": "order_delivered",
};

export interface MessageContext {
  orderNumber: number;
  items: { title: string; sku: string; quantity: number }[];
  tracking?: { url?: string; number?: string; carrier?: string };
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

export function render(kind: NotificationKind, ctx: MessageContext): RenderedMessage {
  const order = `order #${ctx.orderNumber}`;
  switch (kind) {
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
      return {
        subject: `Your ${order} was delivered`,
        body: [`Your parcel for ${order} was delivered.`, "", itemList(ctx.items), "", "Enjoy, and thank you for shopping with us."].join("\n"),
      };
  }
}
