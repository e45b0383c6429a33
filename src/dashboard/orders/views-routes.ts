// Saving and deleting a staff member's own order list views.
import { Hono } from "hono";
import type { DashEnv } from "../shell/env";
import { setFlash } from "../shell/flash";
import { readForm } from "../shell/form";
import { screen } from "../shell/guard";
import { filtersOf, viewQuery } from "./filters";
import { countViews, deleteView, MAX_VIEWS, saveView } from "./saved-views";

export const viewsRoutes = new Hono<DashEnv>();

viewsRoutes.post("/orders/views", screen("orders"), async (c) => {
  const form = await readForm(c);
  const name = form.one("name").slice(0, 60);
  // Only the list's own filters are kept, in their canonical order, whatever the form carried.
  const query = viewQuery(filtersOf(form.one("query")));
  const back = query ? `/admin/orders?${query}` : "/admin/orders";
  if (!name) {
    setFlash(c, { kind: "error", text: "Give the view a name." });
    return c.redirect(back, 303);
  }
  const staff = c.get("staff");
  if ((await countViews(c.env.DB, staff.id)) >= MAX_VIEWS) {
    setFlash(c, { kind: "error", text: `At most ${MAX_VIEWS} saved views: delete one first.` });
    return c.redirect(back, 303);
  }
  await saveView(c.env.DB, staff.id, name, query);
  setFlash(c, { kind: "notice", text: `View “${name}” saved.` });
  return c.redirect(back, 303);
});

viewsRoutes.post("/orders/views/:id/delete", screen("orders"), async (c) => {
  await readForm(c);
  const gone = await deleteView(c.env.DB, c.get("staff").id, c.req.param("id"));
  setFlash(c, gone ? { kind: "notice", text: "View deleted." } : { kind: "error", text: "No such view of yours." });
  return c.redirect("/admin/orders", 303);
});
