// Receiving stock in a real browser, as the Berlin warehouse user: find the SKU in Berlin's stock list, open its cell,
// receive a delivery; the page, the cell's ledger and the API all show the new units.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, mainText, screenshot, see, signIn, useBrowser, world } from "./browser";

const browser = useBrowser();
let page: Page;

beforeAll(async () => {
  page = await browser.newPage();
  await signIn(page, world().staff.warehouse);
});

const cell = async (locationId: string, sku: string) => {
  const res = await adminApi().get(`/v1/locations/${locationId}/inventory/${sku}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe("receiving stock at Berlin", () => {
  it("lists Berlin's stock, opens a SKU's cell and receives a delivery into it", async () => {
    const { berlin, skus } = world();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inventory" }).click();
    await see(page.getByRole("heading", { name: "Inventory", level: 1 }));
    // A warehouse user sees their own location, and only it.
    expect(await page.getByLabel("Location").locator("option").allInnerTexts()).toEqual(["Warehouse Berlin (WH-BER)"]);
    const capRow = page.getByRole("row").filter({ has: page.getByRole("link", { name: skus.cap, exact: true }) });
    await see(capRow);
    await screenshot(page, "inventory");

    const before = await cell(berlin, skus.cap);
    expect(await capRow.innerText()).toContain(String(before.on_hand));
    await capRow.getByRole("link", { name: skus.cap, exact: true }).click();
    await see(page.getByRole("heading", { name: `${skus.cap} at Warehouse Berlin (WH-BER)`, level: 1 }));

    const receive = page.getByRole("region", { name: "Receive" });
    await receive.getByLabel("Units received").fill("12");
    await receive.getByLabel("Reason").selectOption("purchase_order");
    await receive.getByLabel("Note").fill("PO 4711 from the cap supplier");
    await receive.getByRole("button", { name: "Receive units" }).click();
    const done = await see(page.getByRole("status").filter({ hasText: "Received:" }));
    expect(await done.innerText()).toBe(`Received: on hand ${before.on_hand + 12}, available ${before.available + 12}.`);
    // The ledger on the page has the receipt.
    const receipt = page.getByRole("row").filter({ hasText: "receive" }).filter({ hasText: "+12" });
    await see(receipt);
    expect(await receipt.first().innerText()).toContain("purchase_order");

    const after = await cell(berlin, skus.cap);
    expect(after.on_hand).toBe(before.on_hand + 12);
    expect(after.available).toBe(before.available + 12);
    const ledger = (await adminApi().get(`/v1/locations/${berlin}/inventory/${skus.cap}/ledger`)).body.data as any[];
    // The ledger keeps the reason with the note typed beside it.
    expect(ledger.filter((e) => e.reason === "purchase_order: PO 4711 from the cap supplier")).toMatchObject([{ op: "receive", on_hand_delta: 12, on_hand: after.on_hand }]);
  });

  it("refuses to adjust below zero with the API's own message, and stores nothing", async () => {
    const { berlin, skus } = world();
    const before = await cell(berlin, skus.cap);
    await page.goto(`/admin/inventory/${berlin}/${skus.cap}`);
    const adjust = page.getByRole("region", { name: "Adjust" });
    await adjust.getByLabel("Change (+ or −)").fill(String(-(before.on_hand + 5)));
    await adjust.getByLabel("Reason").selectOption("lost");
    await adjust.getByRole("button", { name: "Adjust on hand" }).click();
    const refusal = await see(page.getByRole("alert"));
    expect(await refusal.innerText()).toMatch(/on-hand/i);
    expect(await mainText(page)).toContain(`${skus.cap} at Warehouse Berlin`);
    const after = await cell(berlin, skus.cap);
    expect(after.on_hand).toBe(before.on_hand);
    expect(after.version).toBe(before.version);
  });
});
