// The Berlin warehouse's day in a real browser: the queue, a pick list, scan-to-pack with a scanner (it types the SKU
// into the focused field and presses Enter), a wrong item refused on screen, the parcel packed and shipped.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, eventually, mainText, screenshot, see, shipmentsOf, signIn, useBrowser, world } from "./browser";

const browser = useBrowser();
let page: Page;
let shipmentId: string;

const shipment = async (id: string) => {
  const res = await adminApi().get(`/v1/fulfillments/${id}`);
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  // The paid order's shipment is made by the fulfillment queue shortly after checkout.
  [{ id: shipmentId }] = await eventually(
    () => shipmentsOf(world().orders.pack.id),
    (list) => expect(list).toHaveLength(1),
  );
  page = await browser.newPage();
  await signIn(page, world().staff.warehouse);
});

/** What a barcode scanner does: types into whatever has focus, then Enter. */
async function scan(code: string) {
  expect(await page.evaluate("document.activeElement?.getAttribute('name')")).toBe("code");
  // The bench answers each scan with a new page (post, redirect, get): wait until this one is gone and the next loaded.
  const win = globalThis as { scanPending?: boolean; document?: { readyState: string } };
  await page.evaluate(() => {
    (globalThis as typeof win).scanPending = true;
  });
  await page.keyboard.type(code);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !(globalThis as typeof win).scanPending && (globalThis as typeof win).document?.readyState === "complete");
}

describe("picking and packing at Berlin", () => {
  it("lists the shipment in Berlin's queue and starts picking it from a pick list", async () => {
    const { berlin, orders, skus } = world();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Fulfillment" }).click();
    await page.getByRole("link", { name: /Warehouse Berlin/ }).click();
    await see(page.getByRole("heading", { name: /^Fulfillment · Warehouse Berlin/, level: 1 }));
    expect(new URL(page.url()).pathname).toBe(`/admin/fulfillment/${berlin}`);
    // The shipment waits in the queue, with its order named (not linked: the order desk is not a warehouse screen).
    const row = page.getByRole("row").filter({ hasText: shipmentId });
    expect(await (await see(row)).innerText()).toContain(orders.pack.id);
    expect(await row.getByRole("link", { name: orders.pack.id }).count()).toBe(0);

    await page.getByLabel(`Choose ${shipmentId}`).check();
    await page.getByRole("button", { name: "Pick list for the chosen shipments" }).click();
    await see(page.getByRole("heading", { name: /^Pick list · Warehouse Berlin/ }));
    // Two tees and one bottle to pick, both into shipment #1 of the batch.
    expect(await page.getByRole("row").filter({ hasText: skus.tee }).innerText()).toMatch(/\b2\b/);
    expect(await page.getByRole("row").filter({ hasText: skus.bottle }).innerText()).toMatch(/\b1\b/);

    await page.getByRole("button", { name: "Start picking 1 pending shipment" }).click();
    await see(page.getByRole("status").filter({ hasText: "Picking started for 1 of 1 shipment." }));
    expect((await shipment(shipmentId)).status).toBe("picking");
  });

  it("packs it with scanned SKUs: a wrong item is refused and counted, the parcel form opens once all is in", async () => {
    const { berlin, skus } = world();
    await page.goto(`/admin/fulfillment/${berlin}?status=picking`);
    await page.getByRole("row").filter({ hasText: shipmentId }).getByRole("link", { name: "Scan and pack" }).click();
    await see(page.getByRole("heading", { name: new RegExp(`^Pack ${shipmentId}`) }));
    // Nothing scanned yet: the parcel form stays shut.
    expect(await page.getByRole("button", { name: "Pack the parcel" }).isDisabled()).toBe(true);

    await scan(skus.tee);
    await see(page.getByRole("status").filter({ hasText: `${skus.tee}: 1 of 2 scanned.` }));
    await scan(skus.cap);
    const refused = await see(page.getByRole("alert"));
    expect(await refused.innerText()).toBe(`Wrong item refused: ${skus.cap} is not in this shipment. Put it back.`);
    expect(await mainText(page)).toContain("Refused scans: 1 wrong item, 0 surplus units.");
    await scan(skus.tee);
    await scan(skus.tee);
    expect(await (await see(page.getByRole("alert"))).innerText()).toContain("Surplus unit refused");
    await scan(skus.bottle);
    await see(page.getByRole("status").filter({ hasText: `${skus.bottle}: 1 of 1 scanned.` }));
    await screenshot(page, "pack-screen");

    // What the bench counted is what the packing API stored.
    const tally = (await adminApi().get(`/v1/fulfillments/${shipmentId}/scans`)).body;
    expect(tally.complete).toBe(true);
    expect(tally.wrong_items).toBe(1);
    expect(tally.surplus).toBe(1);
    expect(Object.fromEntries(tally.lines.map((l: any) => [l.sku, l.scanned]))).toEqual({ [skus.tee]: 2, [skus.bottle]: 1 });

    await page.getByLabel("Weight (g)").fill("900");
    await page.getByLabel("Length (cm)").fill("30");
    await page.getByLabel("Width (cm)").fill("20");
    await page.getByLabel("Height (cm)").fill("12");
    await page.getByRole("button", { name: "Pack the parcel" }).click();
    await see(page.getByRole("status").filter({ hasText: "Parcel packed." }));
    expect(await mainText(page)).toContain("Packed: 900 g, 30 × 20 × 12 cm.");
    const packed = await shipment(shipmentId);
    expect(packed.status).toBe("packed");
    expect(packed.parcel).toMatchObject({ weight_grams: 900, length_cm: 30, width_cm: 20, height_cm: 12 });
  });

  it("hands the parcel to the carrier", async () => {
    await page.getByLabel("Tracking number").fill("JJD000390007");
    await page.getByRole("button", { name: "Hand to the carrier" }).click();
    await see(page.getByRole("status").filter({ hasText: /^Shipped with .+, tracking JJD000390007\.$/ }));
    const shipped = await shipment(shipmentId);
    expect(shipped.status).toBe("shipped");
    expect(shipped.tracking_number).toBe("JJD000390007");
  });
});
