import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const catalogRoutes = createRouter()
  .openapi(routes.createProduct, handlers.createProduct)
  .openapi(routes.listProducts, handlers.listProducts)
  .openapi(routes.getProduct, handlers.getProduct)
  .openapi(routes.updateProduct, handlers.updateProduct)
  .openapi(routes.addVariant, handlers.addVariant)
  .openapi(routes.updateVariant, handlers.updateVariant)
  .openapi(routes.listVariants, handlers.listVariants);
