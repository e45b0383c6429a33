import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import { pageOf } from "../http/pagination";
import { notFound } from "../http/problem";
import type * as routes from "./routes";
import { forgetLocations } from "../read-model/cache";
import * as store from "./store";
import type { LocationRow } from "./store";

const present = (l: LocationRow) => ({
  id: l.id,
  code: l.code,
  name: l.name,
  kind: l.kind,
  address: l.address,
  latitude: l.latitude,
  longitude: l.longitude,
  can_ship: l.canShip,
  can_pickup: l.canPickup,
  priority: l.priority,
  active: l.active,
  created_at: l.createdAt,
  updated_at: l.updatedAt,
});

const locationNotFound = () => notFound("location_not_found", "No location has this id.");

export const createLocation: RouteHandler<typeof routes.createLocation, AppEnv> = async (c) => {
  const location = await store.createLocation(c.env.DB, c.req.valid("json"));
  forgetLocations();
  return c.json(present(location), 201);
};

export const listLocations: RouteHandler<typeof routes.listLocations, AppEnv> = async (c) => {
  const q = c.req.valid("query");
  return c.json(pageOf(await store.listLocations(c.env.DB, q), q.limit, (l) => l.id, present), 200);
};

export const getLocation: RouteHandler<typeof routes.getLocation, AppEnv> = async (c) => {
  const location = await store.getLocation(c.env.DB, c.req.valid("param").id);
  if (!location) throw locationNotFound();
  return c.json(present(location), 200);
};

export const updateLocation: RouteHandler<typeof routes.updateLocation, AppEnv> = async (c) => {
  const location = await store.updateLocation(c.env.DB, c.req.valid("param").id, c.req.valid("json"));
  forgetLocations();
  if (!location) throw locationNotFound();
  return c.json(present(location), 200);
};
