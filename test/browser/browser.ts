// A real Chromium for each test file (the one @sparticuz/chromium ships inside its npm package), pointed at the
// `wrangler dev` that global-setup.ts started; the API with the admin key to check what was stored.
import sparticuz from "@sparticuz/chromium";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { Api } from "../../scripts/lib/http";
import { ROOT } from "../../scripts/lib/wrangler";
import type { Login } from "./staff";

export const baseUrl = () => inject("baseUrl");
export const world = () => inject("world");
export const adminApi = () => new Api(inject("baseUrl"), inject("adminKey"));

/** Waits until a person would see it (a page load or a redirect may be under way), and hands it back. */
export async function see(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible" });
  return locator;
}

/** What the main region reads, spaces folded. */
export const mainText = async (page: Page) => (await page.locator("main").innerText()).replace(/\s+/g, " ");

/** One browser for the file; each test opens its own context (cookies) through `newPage`. */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: await sparticuz.executablePath(),
      // Nothing of Chromium's own may reach for the network: the machine has none, and a test must not depend on it.
      args: [...sparticuz.args, "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      headless: true,
    });
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });
  return {
    async newPage(): Promise<Page> {
      const context = await browser!.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 860 } });
      context.setDefaultTimeout(20_000);
      contexts.push(context);
      return context.newPage();
    },
  };
}

/** Signs in through the login form, as a person types it. */
export async function signIn(page: Page, who: Login, next = "/admin") {
  await page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await see(page.getByRole("button", { name: "Log out" }));
}

/** Saves what the page shows to docs/screenshots/<name>.png, for the README. */
export async function screenshot(page: Page, name: string) {
  const dir = join(ROOT, "docs", "screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
