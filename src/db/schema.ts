// The system of record. Money is integer minor units; timestamps are epoch milliseconds.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const timestamps = {
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
};

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["secret", "publishable"] }).notNull(),
    name: text("name").notNull(),
    // Only a SHA-256 of the key is kept; the prefix lets a merchant recognise it in a list.
    hash: text("hash").notNull(),
    prefix: text("prefix").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.hash)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    principal: text("principal").notNull(),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    state: text("state", { enum: ["processing", "done"] }).notNull(),
    responseStatus: integer("response_status"),
    responseType: text("response_type"),
    responseBody: text("response_body"),
    createdAt: integer("created_at").notNull(),
    // A request that never finished (the worker died) gives its key back after this moment.
    lockedUntil: integer("locked_until").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.key] }), index("idempotency_keys_expires").on(t.expiresAt)],
);

export const products = sqliteTable("products", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  description: text("description"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  ...timestamps,
});

export const variants = sqliteTable(
  "variants",
  {
    id: text("id").primaryKey(),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    sku: text("sku").notNull(),
    title: text("title").notNull(),
    priceAmount: integer("price_amount").notNull(),
    currency: text("currency").notNull(),
    weightGrams: integer("weight_grams").notNull().default(0),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("variants_sku").on(t.sku), index("variants_product").on(t.productId)],
);

export const locations = sqliteTable(
  "locations",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["warehouse", "store", "3pl"] }).notNull(),
    address: text("address", { mode: "json" }).$type<import("../domain/address").Address>().notNull(),
    latitude: real("latitude").notNull(),
    longitude: real("longitude").notNull(),
    canShip: integer("can_ship", { mode: "boolean" }).notNull(),
    canPickup: integer("can_pickup", { mode: "boolean" }).notNull(),
    // Lower ranks first when the planner has to split an order.
    priority: integer("priority").notNull().default(100),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("locations_code").on(t.code)],
);

export const channels = sqliteTable(
  "channels",
  {
    id: text("id").primaryKey(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    // Write-only through the API: never returned.
    credentials: text("credentials"),
    webhookSecret: text("webhook_secret"),
    inventoryUrl: text("inventory_url"),
    stockBufferUnits: integer("stock_buffer_units").notNull().default(0),
    stockBufferPercent: integer("stock_buffer_percent").notNull().default(0),
    ...timestamps,
  },
  (t) => [uniqueIndex("channels_code").on(t.code)],
);

export const channelSkus = sqliteTable(
  "channel_skus",
  {
    channelId: text("channel_id").notNull(),
    externalSku: text("external_sku").notNull(),
    sku: text("sku").notNull(),
    externalInventoryId: text("external_inventory_id"),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.externalSku] }), index("channel_skus_sku").on(t.sku, t.channelId)],
);

// Read model of every InventoryCell. Only ever moved forward by version; never used to decide.
export const inventoryLevels = sqliteTable(
  "inventory_levels",
  {
    sku: text("sku").notNull(),
    locationId: text("location_id").notNull(),
    onHand: integer("on_hand").notNull(),
    held: integer("held").notNull(),
    committed: integer("committed").notNull(),
    damaged: integer("damaged").notNull().default(0),
    safetyStock: integer("safety_stock").notNull(),
    available: integer("available").notNull(),
    lowStockThreshold: integer("low_stock_threshold"),
    allowBackorder: integer("allow_backorder", { mode: "boolean" }).notNull(),
    backorderLimit: integer("backorder_limit"),
    version: integer("version").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sku, t.locationId] }), index("inventory_levels_location").on(t.locationId)],
);

export const orders = sqliteTable(
  "orders",
  {
    id: text("id").primaryKey(),
    number: integer("number").notNull(),
    channelId: text("channel_id").notNull(),
    // principal + Idempotency-Key of the checkout: a retry after a crash finds the order instead of writing a second one.
    checkoutKey: text("checkout_key"),
    status: text("status").notNull(),
    paymentStatus: text("payment_status").notNull(),
    fulfillmentStatus: text("fulfillment_status").notNull(),
    // reserved: holds wait for payment; committed: stock belongs to the order; released: stock went back.
    stockState: text("stock_state").notNull(),
    currency: text("currency").notNull(),
    subtotal: integer("subtotal").notNull(),
    shippingTotal: integer("shipping_total").notNull(),
    taxTotal: integer("tax_total").notNull(),
    total: integer("total").notNull(),
    email: text("email").notNull(),
    shippingAddress: text("shipping_address", { mode: "json" }).$type<import("../domain/address").Address | null>(),
    pickupLocationId: text("pickup_location_id"),
    holdExpiresAt: integer("hold_expires_at"),
    cancelReason: text("cancel_reason"),
    // What the shopper chose (standard, express) and when we promised to ship: the carrier and on-time rate follow.
    shippingSpeed: text("shipping_speed").notNull().default("standard"),
    shipBy: integer("ship_by"),
    version: integer("version").notNull().default(1),
    customerId: text("customer_id"),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    // manual, fraud_review, address_verification, payment_review, channel_issue
    holdKind: text("hold_kind"),
    holdReason: text("hold_reason"),
    riskScore: integer("risk_score"),
    riskReasons: text("risk_reasons", { mode: "json" }).$type<string[]>(),
    billingAddress: text("billing_address", { mode: "json" }).$type<import("../domain/address").Address | null>(),
    clientIpHash: text("client_ip_hash"),
    // The order's id at its channel: the same channel order never makes two orders.
    externalId: text("external_id"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("orders_channel_external").on(t.channelId, t.externalId).where(sql`external_id IS NOT NULL`),
    index("orders_customer").on(t.customerId, t.createdAt),
    uniqueIndex("orders_number").on(t.number),
    uniqueIndex("orders_checkout_key").on(t.checkoutKey),
    index("orders_created").on(t.createdAt),
    index("orders_payment_expiry").on(t.paymentStatus, t.holdExpiresAt),
  ],
);

export const orderLines = sqliteTable(
  "order_lines",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    position: integer("position").notNull(),
    sku: text("sku").notNull(),
    variantId: text("variant_id").notNull(),
    title: text("title").notNull(),
    quantity: integer("quantity").notNull(),
    unitPrice: integer("unit_price").notNull(),
    total: integer("total").notNull(),
    cancelledQuantity: integer("cancelled_quantity").notNull().default(0),
    // stock | backorder | preorder
    supply: text("supply").notNull().default("stock"),
    availableOn: integer("available_on"),
  },
  (t) => [index("order_lines_order").on(t.orderId), index("order_lines_sku").on(t.sku)],
);

// Where each line's units come from; holdId names the hold on the InventoryCell of sku@location.
export const allocations = sqliteTable(
  "allocations",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    lineId: text("line_id").notNull(),
    sku: text("sku").notNull(),
    locationId: text("location_id").notNull(),
    quantity: integer("quantity").notNull(),
    holdId: text("hold_id").notNull(),
  },
  (t) => [index("allocations_order").on(t.orderId), index("allocations_location").on(t.locationId)],
);

// What the payment provider did, as told to us. Never card numbers: only the provider's reference.
export const payments = sqliteTable(
  "payments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    kind: text("kind", { enum: ["authorization", "capture", "void"] }).notNull(),
    provider: text("provider").notNull(),
    reference: text("reference").notNull(),
    amount: integer("amount").notNull(),
    currency: text("currency").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  // One authorization per order: a second confirmation racing the first fails instead of recording payment twice.
  (t) => [index("payments_order").on(t.orderId), uniqueIndex("payments_one_authorization").on(t.orderId).where(sql`kind = 'authorization'`)],
);

export const orderEvents = sqliteTable(
  "order_events",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    type: text("type").notNull(),
    actor: text("actor").notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("order_events_order").on(t.orderId, t.createdAt)],
);

// ── async backbone: queues, fulfillment, labels, webhooks, notifications, analytics ─────────────────────────────

// A queue message's id once its work is done: a redelivery finds it here and changes nothing.
export const processedMessages = sqliteTable("processed_messages", {
  id: text("id").primaryKey(),
  queue: text("queue").notNull(),
  processedAt: integer("processed_at").notNull(),
});

// What ended in the dead-letter queue, for a person to read and re-drive.
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    body: text("body").notNull(),
    error: text("error"),
    attempts: integer("attempts").notNull(),
    createdAt: integer("created_at").notNull(),
    redrivenAt: integer("redriven_at"),
  },
  (t) => [index("dead_letters_open").on(t.redrivenAt, t.createdAt)],
);

// Domain events in the order they happened: webhooks, notifications and analytics read them.
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    orderId: text("order_id"),
    data: text("data").notNull(),
    createdAt: integer("created_at").notNull(),
    // When the relay handed it to the notifications queue; null: not yet (the relay finds it).
    dispatchedAt: integer("dispatched_at"),
  },
  (t) => [index("events_created").on(t.createdAt), index("events_order").on(t.orderId), index("events_undispatched").on(t.dispatchedAt, t.createdAt)],
);

export const fulfillments = sqliteTable(
  "fulfillments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    locationId: text("location_id").notNull(),
    // pending → picking → packed → shipped → delivered; cancelled before it ships
    status: text("status").notNull(),
    carrier: text("carrier"),
    service: text("service"),
    trackingNumber: text("tracking_number"),
    shippingCost: integer("shipping_cost"),
    parcel: text("parcel"),
    labelKey: text("label_key"),
    packingSlipKey: text("packing_slip_key"),
    shippedAt: integer("shipped_at"),
    deliveredAt: integer("delivered_at"),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  // One live shipment per order × location (migrations/0019): a cancelled one does not block the next.
  (t) => [
    uniqueIndex("fulfillments_order_location_live").on(t.orderId, t.locationId).where(sql`${t.status} <> 'cancelled'`),
    index("fulfillments_order").on(t.orderId, t.locationId),
    index("fulfillments_status").on(t.status, t.updatedAt),
  ],
);

export const fulfillmentLines = sqliteTable(
  "fulfillment_lines",
  {
    id: text("id").primaryKey(),
    fulfillmentId: text("fulfillment_id").notNull(),
    orderLineId: text("order_line_id").notNull(),
    sku: text("sku").notNull(),
    quantity: integer("quantity").notNull(),
    holdId: text("hold_id").notNull(),
  },
  (t) => [index("fulfillment_lines_fulfillment").on(t.fulfillmentId)],
);

// Rate table: a carrier service's price for parcels up to a distance and a weight.
export const carrierRates = sqliteTable(
  "carrier_rates",
  {
    id: text("id").primaryKey(),
    carrier: text("carrier").notNull(),
    service: text("service").notNull(),
    speed: text("speed").notNull(),
    transitDays: integer("transit_days").notNull(),
    maxKm: integer("max_km").notNull(),
    maxWeightGrams: integer("max_weight_grams").notNull(),
    price: integer("price").notNull(),
    currency: text("currency").notNull(),
  },
  (t) => [index("carrier_rates_lookup").on(t.speed, t.maxKm, t.maxWeightGrams)],
);

export const webhookSubscriptions = sqliteTable("webhook_subscriptions", {
  id: text("id").primaryKey(),
  url: text("url").notNull(),
  events: text("events", { mode: "json" }).$type<string[]>().notNull(),
  secret: text("secret").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  ...timestamps,
});

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    subscriptionId: text("subscription_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: integer("next_attempt_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("webhook_deliveries_once").on(t.subscriptionId, t.eventId), index("webhook_deliveries_subscription").on(t.subscriptionId, t.createdAt)],
);

// Every customer message, kept for the merchant to read whatever the channel did with it.
export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    channel: text("channel").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [uniqueIndex("notifications_once").on(t.dedupeKey), index("notifications_order").on(t.orderId)],
);

export const analyticsDaily = sqliteTable(
  "analytics_daily",
  {
    day: text("day").notNull(),
    channelId: text("channel_id").notNull(),
    currency: text("currency").notNull(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenue: integer("revenue").notNull(),
    cancellations: integer("cancellations").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.channelId, t.currency] })],
);

export const analyticsFulfillmentDaily = sqliteTable("analytics_fulfillment_daily", {
  day: text("day").primaryKey(),
  shipped: integer("shipped").notNull(),
  leadP50Ms: integer("lead_p50_ms"),
  leadP90Ms: integer("lead_p90_ms"),
  onTime: integer("on_time").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const analyticsLocationDaily = sqliteTable(
  "analytics_location_daily",
  {
    day: text("day").notNull(),
    locationId: text("location_id").notNull(),
    unitsShipped: integer("units_shipped").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.locationId] })],
);

export const watermarks = sqliteTable("watermarks", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

// Whether a cell is below its low-stock threshold, so inventory.low_stock is raised once per crossing.
export const lowStockState = sqliteTable(
  "low_stock_state",
  {
    sku: text("sku").notNull(),
    locationId: text("location_id").notNull(),
    low: integer("low", { mode: "boolean" }).notNull(),
    changedAt: integer("changed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sku, t.locationId] })],
);
