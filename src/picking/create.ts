// Making a pick list: the location's pending shipments are claimed in ONE statement (INSERT … SELECT, tote numbers by
// ROW_NUMBER), so two pickers asking at once never get the same shipment: D1 runs statements one at a time, and the
// partial unique index on open claims (migrations/0031) refuses a second claim of a shipment even so. Then each claimed
// shipment moves pending → picking through the fulfillment's own move (src/fulfillment/transitions.ts).
import { newId } from "../domain/ids";
import type { Env } from "../env";
import { startPicking } from "../fulfillment/transitions";
import { conflict, notFound, Problem } from "../http/problem";
import type { z } from "@hono/zod-openapi";
import type { PickListInput } from "./schemas";
import { pickListOr404 } from "./view";

// Express before standard, then the earliest promise, then the oldest shipment: the order totes are filled in.
const PRIORITY = "(o.shipping_speed = 'express') DESC, COALESCE(o.ship_by, 9007199254740991), f.created_at, f.id";

export async function createPickList(env: Env, actor: string, locationId: string, input: z.infer<typeof PickListInput>) {
  const db = env.DB;
  const location = await db.prepare("SELECT 1 AS ok FROM locations WHERE id = ?").bind(locationId).first();
  if (!location) throw notFound("location_not_found", `No location has the id ${locationId}.`);
  const now = Date.now();
  const id = newId("pick", now);
  const limit = input.mode === "single" ? 1 : input.max_shipments;
  const [, claimed] = await db.batch([
    db.prepare("INSERT INTO pick_lists (id, location_id, mode, status, created_by, created_at) VALUES (?, ?, ?, 'open', ?, ?)").bind(id, locationId, input.mode, actor, now),
    db
      .prepare(
        `INSERT INTO pick_list_shipments (pick_list_id, fulfillment_id, tote, open)
         SELECT ?1, id, ROW_NUMBER() OVER (ORDER BY rank), 1 FROM (
           SELECT f.id, ROW_NUMBER() OVER (ORDER BY ${PRIORITY}) AS rank
           FROM fulfillments f JOIN orders o ON o.id = f.order_id
           WHERE f.location_id = ?2 AND f.status = 'pending' AND o.status = 'open'
             AND NOT EXISTS (SELECT 1 FROM pick_list_shipments c WHERE c.fulfillment_id = f.id AND c.open = 1)
             AND (?3 IS NULL OR o.ship_by <= ?3)
             AND (?4 IS NULL OR f.carrier = ?4)
             AND (?5 IS NULL OR o.shipping_speed = ?5)
             AND (?6 IS NULL OR f.id IN (SELECT value FROM json_each(?6)))
           ORDER BY rank LIMIT ?7)`,
      )
      .bind(id, locationId, input.ship_by_before ?? null, input.carrier ?? null, input.speed ?? null, input.fulfillment_ids ? JSON.stringify(input.fulfillment_ids) : null, limit),
    db.prepare("DELETE FROM pick_lists WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM pick_list_shipments WHERE pick_list_id = ?1)").bind(id),
  ]);
  if (!claimed.meta.changes) throw conflict("nothing_to_pick", "No pending shipment of this location is free for a pick list with these filters.");

  const { results } = await db.prepare("SELECT fulfillment_id FROM pick_list_shipments WHERE pick_list_id = ?").bind(id).all<{ fulfillment_id: string }>();
  for (const { fulfillment_id } of results) {
    const moved = await movedToPicking(env, actor, fulfillment_id);
    // Cancelled (or otherwise moved) since it was claimed: it leaves the list, its tote stays empty.
    if (!moved) await db.prepare("DELETE FROM pick_list_shipments WHERE pick_list_id = ? AND fulfillment_id = ?").bind(id, fulfillment_id).run();
  }
  await db.prepare("DELETE FROM pick_lists WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM pick_list_shipments WHERE pick_list_id = ?1)").bind(id).run();
  return pickListOr404(db, id).catch((err) => {
    if (err instanceof Problem && err.status === 404) throw conflict("nothing_to_pick", "Every shipment claimed was cancelled or moved meanwhile.");
    throw err;
  });
}

/** The fulfillment's own move; a label job bumping its version at the same moment is retried, a real refusal is not. */
async function movedToPicking(env: Env, actor: string, fulfillmentId: string): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await startPicking(env, actor, fulfillmentId);
      return true;
    } catch (err) {
      if (err instanceof Problem && err.code === "fulfillment_changed") continue;
      if (err instanceof Problem && err.status === 409) return false;
      throw err;
    }
  }
  return false;
}
