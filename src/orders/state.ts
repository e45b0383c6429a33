import type { OrderState } from "../domain/order-status";
import type { OrderRow } from "./store";

export const stateOf = (r: OrderRow): OrderState => ({ status: r.status, paymentStatus: r.payment_status, fulfillmentStatus: r.fulfillment_status });

export const columnsOf = (s: OrderState) => ({ status: s.status, payment_status: s.paymentStatus, fulfillment_status: s.fulfillmentStatus });
