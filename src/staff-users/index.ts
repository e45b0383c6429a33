import { createRouter } from "../http/router";
import * as handlers from "./handlers";
import * as routes from "./routes";

export const staffUserRoutes = createRouter()
  .openapi(routes.createStaffUser, handlers.create)
  .openapi(routes.listStaffUsers, handlers.list)
  .openapi(routes.getStaffUser, handlers.get)
  .openapi(routes.updateStaffUser, handlers.update)
  .openapi(routes.inviteStaffUser, handlers.invite);
