// What a Berlin warehouse user may open, in a real browser: their own location's pages, never the settings nor
// another location's queue or shipments, whether through the menu or a typed URL.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, eventually, mainText, see, shipmentsOf, signIn, useBrowser, world } from "./browser";

const browser = useBrowser();
let page: Page;
let lyonShipment: { id: string; status: string; version: number };

beforeAll(async () => {
  // Made by the fulfillment queue, then labelled by the label job (which bumps its version): wait for both, so the
  // version read here is the one nobody else changes.
  [lyonShipment] = await eventually(
    () => shipmentsOf(world().orders.lyon.id),
    (list) => expect(list.filter((f) => f.carrier)).toHaveLength(1),
  );
  page = await browser.newPage();
  await signIn(page, world().staff.warehouse);
});

const refused = async (path: string) => {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(403);
  await see(page.getByRole("heading", { name: "Not allowed", level: 1 }));
  expect(await mainText(page)).toContain("Your role (warehouse) may not open this page.");
};

describe("a warehouse user", () => {
  it("sees only the floor's screens in the menu, and only their own location", async () => {
    const nav = page.getByRole("navigation", { name: "Main" });
    const links = await nav.getByRole("link").allInnerTexts();
    expect(links).toEqual(expect.arrayContaining(["Today", "Fulfillment", "Inventory"]));
    for (const hidden of ["Orders", "Customers", "Settings", "Channels", "Analytics"]) expect(links).not.toContain(hidden);

    await nav.getByRole("link", { name: "Fulfillment" }).click();
    const places = page.getByRole("list", { name: "Locations" });
    await see(places.getByRole("link", { name: /Warehouse Berlin/ }));
    expect(await places.getByRole("link").allInnerTexts()).toEqual([expect.stringContaining("Warehouse Berlin")]);
  });

  it("cannot open the settings, nor the order desk, by typing their address", async () => {
    await refused("/admin/settings");
    await refused("/admin/orders");
    await refused(`/admin/orders/${world().orders.lyon.id}`);
  });

  it("cannot open Lyon's queue, pick list, packing bench or stock, and Lyon's shipment stays as it was", async () => {
    const { lyon } = world();
    await refused(`/admin/fulfillment/${lyon}`);
    await refused(`/admin/fulfillment/${lyon}/pick-list?ids=${lyonShipment.id}`);
    await refused(`/admin/fulfillment/${lyon}/pack/${lyonShipment.id}`);
    await refused(`/admin/inventory?location_id=${lyon}`);
    await refused(`/admin/inventory/${lyon}/${world().skus.cap}`);
    // Through Berlin's own bench the Lyon shipment is not there either.
    const viaBerlin = await page.goto(`/admin/fulfillment/${world().berlin}/pack/${lyonShipment.id}`);
    expect(viaBerlin?.status()).toBe(404);
    await see(page.getByRole("heading", { name: "No such shipment" }));

    const now = (await adminApi().get(`/v1/fulfillments/${lyonShipment.id}`)).body;
    expect(now.status).toBe(lyonShipment.status);
    expect(now.version).toBe(lyonShipment.version);
    expect((await adminApi().get(`/v1/fulfillments/${lyonShipment.id}/scans`)).body.lines.every((l: any) => l.scanned === 0)).toBe(true);
  });
});
