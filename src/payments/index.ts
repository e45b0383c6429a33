import { createRouter } from "../http/router";
import { receivePaymentWebhook } from "./routes";
import { receivePaymentWebhook as handler } from "./webhook";

// Payment providers' webhooks (signed, no API key).
export const paymentRoutes = createRouter().openapi(receivePaymentWebhook, handler);
