// The analytics screen: the cron's rollups drawn as inline SVG charts for the period in the URL; only owner and manager.
import { beforeAll, describe, expect, it } from "vitest";
import { makeLocation, publishableKey } from "../helpers/fixtures";
import { tick, today } from "../analytics/helpers";
import { placeOrder } from "../order-changes/world";
import { loginAs, text } from "./session";

const eur = (minor: number) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(minor / 100);

let revenue = 0;
beforeAll(async () => {
  const pk = await publishableKey();
  const berlin = await makeLocation("berlin");
  for (const [qty, price] of [[1, 1500], [3, 2000]] as const) {
    const { order } = await placeOrder(pk, [[berlin, 10]], qty, { pay: "captured", price });
    revenue += order.total;
  }
  await tick();
});

describe("the analytics screen", () => {
  it("draws today's rollup as SVG charts, with the figures in each bar's title and in the table", async () => {
    const b = await loginAs("manager");
    const page = await b.get("/admin/analytics?period=7d");
    expect(page.status).toBe(200);
    expect(page.html).toContain("<svg");
    expect(page.html).toContain(`<title>${today()} · Orders: 2</title>`);
    expect(page.html).toContain(`<title>${today()} · Revenue EUR: ${eur(revenue)}</title>`);
    const words = text(page.html);
    for (const title of ["Order volume per day", "Revenue per day", "Fulfillment lead time", "On-time rate", "Return rate"]) expect(words).toContain(title);
    expect(words).toContain(`${eur(revenue)} Revenue`);
    expect(page.html).toContain('aria-current="page">7 days');
  });

  it("keeps exact days from the URL, and shows nothing from outside them", async () => {
    const b = await loginAs("owner");
    const page = await b.get("/admin/analytics?from=2020-01-01&to=2020-01-10");
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="2020-01-01"');
    expect(page.html).toContain("<title>2020-01-10 · Orders: 0</title>");
    expect(page.html).not.toContain(`<title>${today()} · Orders`);
  });

  it("is not for support or warehouse users", async () => {
    expect((await (await loginAs("support")).get("/admin/analytics")).status).toBe(403);
    expect((await (await loginAs("warehouse")).get("/admin/analytics")).status).toBe(403);
  });
});
