// The order desk in a real browser: find orders by a filter and by search, then work one order (hold, release, cancel
// a line). Every step checks what the page shows and what the API has stored.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { adminApi, mainText, screenshot, see, signIn, useBrowser, world } from "./browser";

const browser = useBrowser();
let page: Page;

beforeAll(async () => {
  page = await browser.newPage();
  await signIn(page, world().staff.owner, "/admin/orders");
});

/** The order numbers the list shows, in its order. */
const listed = async () =>
  (await page.getByRole("region", { name: "Order list" }).getByRole("link", { name: /^#\d+$/ }).allInnerTexts()).map((t) => Number(t.slice(1)));

const numbersFromApi = async (query: string) => {
  const res = await adminApi().get(`/v1/orders?${query}`);
  expect(res.status).toBe(200);
  return (res.body.data as { number: number }[]).map((o) => o.number);
};

const order = async (id: string) => {
  const res = await adminApi().get(`/v1/orders/${id}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe("finding orders", () => {
  it("filters the list by payment status, the filter kept in the URL", async () => {
    const { unpaid, mila } = world().orders;
    await page.goto("/admin/orders");
    await see(page.getByRole("heading", { name: "Orders", level: 1 }));
    expect(await listed()).toEqual(expect.arrayContaining([unpaid.number, mila.number]));
    await screenshot(page, "orders-list");

    await page.getByLabel("Payment").selectOption("pending");
    await page.getByRole("button", { name: "Find orders" }).click();
    await page.waitForURL(/payment_status=pending/);
    expect(await listed()).toEqual([unpaid.number]);
    // The list is what the API says for the same filter.
    expect(await numbersFromApi("payment_status=pending")).toEqual([unpaid.number]);

    // The URL is the view: opening it again shows the same list with the filter still chosen.
    await page.goto(page.url());
    expect(await page.getByLabel("Payment").inputValue()).toBe("pending");
    expect(await listed()).toEqual([unpaid.number]);
  });

  it("finds an order by the customer's name, and by a SKU it contains", async () => {
    const { mila, change, lyon } = world().orders;
    await page.goto("/admin/orders");
    const search = page.getByRole("searchbox", { name: "Search" });
    await search.fill("Mila");
    await search.press("Enter");
    await page.waitForURL(/q=Mila/);
    expect(await listed()).toEqual([mila.number]);
    expect(await page.getByRole("region", { name: "Order list" }).innerText()).toContain(mila.email);

    await page.getByRole("searchbox", { name: "Search" }).fill(world().skus.cap);
    await page.getByRole("searchbox", { name: "Search" }).press("Enter");
    await page.waitForURL(new RegExp(`q=${world().skus.cap}`));
    expect((await listed()).sort()).toEqual([change.number, lyon.number].sort());
    expect((await numbersFromApi(`q=${world().skus.cap}`)).sort()).toEqual([change.number, lyon.number].sort());
  });
});

describe("working one order", () => {
  it("opens it from the list, puts it on hold and releases it, named as the staff member on the timeline", async () => {
    const { change } = world().orders;
    const owner = world().staff.owner;
    await page.goto(`/admin/orders?q=${change.number}`);
    await page.getByRole("link", { name: `#${change.number}`, exact: true }).click();
    await see(page.getByRole("heading", { name: new RegExp(`^Order #${change.number}`), level: 1 }));
    expect(new URL(page.url()).pathname).toBe(`/admin/orders/${change.id}`);
    await screenshot(page, "order-detail");

    const holdForm = page.getByRole("region", { name: "Actions" }).locator("form").filter({ has: page.getByRole("button", { name: "Put on hold" }) });
    await holdForm.getByLabel("Hold kind").selectOption("manual");
    await holdForm.getByLabel("Hold reason").fill("Customer called to change the address");
    await holdForm.getByRole("button", { name: "Put on hold" }).click();
    expect(await (await see(page.getByRole("status").filter({ hasText: "Order put on hold." }))).count()).toBe(1);
    expect(await mainText(page)).toContain("On hold (manual): Customer called to change the address");

    let stored = await order(change.id);
    expect(stored.status).toBe("on_hold");
    expect(stored.hold).toEqual({ kind: "manual", reason: "Customer called to change the address" });
    expect(stored.events.find((e: any) => e.type === "order.on_hold")?.actor).toBe(`staff:${owner.email}`);

    await page.getByLabel("Note (what the review found)").fill("Address confirmed by phone");
    await page.getByRole("button", { name: "Release hold" }).click();
    await see(page.getByRole("status").filter({ hasText: "Hold released." }));
    expect(await mainText(page)).not.toContain("On hold (manual)");
    await see(page.getByRole("button", { name: "Put on hold" }));

    stored = await order(change.id);
    expect(stored.status).toBe("open");
    expect(stored.hold).toBeNull();
    expect(stored.events.find((e: any) => e.type === "order.hold_released")?.actor).toBe(`staff:${owner.email}`);
  });

  it("cancels one line's unit, and the total and the line show it", async () => {
    const { change } = world().orders;
    const cap = world().skus.cap;
    await page.goto(`/admin/orders/${change.id}`);
    const before = await order(change.id);
    const capLine = before.lines.find((l: any) => l.sku === cap);
    expect(capLine.cancelled_quantity).toBe(0);

    const row = page.getByRole("row").filter({ hasText: cap });
    await row.getByLabel(`Units of ${cap}`).fill("1");
    await row.getByLabel("Reason").fill("Out of stock at the supplier");
    await row.getByRole("button", { name: "Cancel units" }).click();
    await see(page.getByRole("status").filter({ hasText: "Units cancelled." }));
    // The cap's row now says all its units are cancelled, and the total dropped by its price.
    await see(page.getByRole("row").filter({ hasText: cap }).getByText("all cancelled"));
    expect(await mainText(page)).toContain("total €78.00");

    const after = await order(change.id);
    expect(after.lines.find((l: any) => l.sku === cap).cancelled_quantity).toBe(1);
    expect(after.lines.find((l: any) => l.sku === world().skus.tee).cancelled_quantity).toBe(0);
    expect(after.total).toBe(before.total - capLine.unit_price);
    expect(after.status).toBe("open");
  });
});
