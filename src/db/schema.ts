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
    ...timestamps,
  },
  (t) => [uniqueIndex("channels_code").on(t.code)],
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
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [
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
