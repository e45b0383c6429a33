// Signing in to the dashboard in a real browser: the form, a wrong password, the session cookie, signing out.
import { describe, expect, it } from "vitest";
import { baseUrl, mainText, screenshot, see, signIn, useBrowser, world } from "./browser";

const browser = useBrowser();

describe("signing in", () => {
  it("refuses a wrong password with a message and no session", async () => {
    const page = await browser.newPage();
    await page.goto("/admin/orders");
    // Not signed in: sent to the login page, which will bring the user back to the orders.
    await see(page.getByRole("heading", { name: "Sign in to edge-oms" }));
    expect(new URL(page.url()).searchParams.get("next")).toBe("/admin/orders");

    await page.getByLabel("Email").fill(world().staff.owner.email);
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = await see(page.getByRole("alert"));
    expect(await alert.innerText()).toBe("Email or password is wrong.");
    // The email stays typed in; the password does not.
    expect(await page.getByLabel("Email").inputValue()).toBe(world().staff.owner.email);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain("oms_session");
  });

  it("signs the owner in, back to the page asked for, and out again", async () => {
    const page = await browser.newPage();
    const owner = world().staff.owner;
    await signIn(page, owner, "/admin");
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(await page.locator("header").innerText()).toContain(`${owner.name} · owner`);
    // The owner's navigation names every screen, settings included.
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const screen of ["Today", "Orders", "Fulfillment", "Inventory", "Settings"]) await see(nav.getByRole("link", { name: screen }));

    // The session cookie is HttpOnly: no script on the page can read it.
    const session = (await page.context().cookies()).find((c) => c.httpOnly && c.path === "/admin");
    expect(session).toBeTruthy();
    expect(await page.evaluate<string>("document.cookie")).not.toContain(session!.value);
    await screenshot(page, "today");

    expect(await mainText(page)).not.toContain("Not allowed");
    const withSession = () => fetch(`${baseUrl()}/admin`, { headers: { cookie: `${session!.name}=${session!.value}` }, redirect: "manual" });
    expect((await withSession()).status).toBe(200);

    await page.getByRole("button", { name: "Log out" }).click();
    await see(page.getByRole("heading", { name: "Sign in to edge-oms" }));
    await page.goto("/admin");
    await see(page.getByRole("heading", { name: "Sign in to edge-oms" }));
    // Ended on the server, not only forgotten by the browser: the old cookie opens nothing any more.
    const after = await withSession();
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/^\/admin\/login/);
  });
});
