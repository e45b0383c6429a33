import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

// Store credit: a per-customer ledger with expiry. Refunds credit it (src/refunds); checkout spends it through
// redeemStoreCreditSql (ledger.ts).
export const storeCreditRoutes = createRouter().openapi(routes.getStoreCredit, handlers.getStoreCredit);
