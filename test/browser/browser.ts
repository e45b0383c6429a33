// A real Chromium for each test file (the one @sparticuz/chromium ships inside its npm package), pointed at the
// `wrangler dev` that global-setup.ts started; the API with the admin key to check what was stored.
import sparticuz from "@sparticuz/chromium";
import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject, vi } from "vitest";
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

/** Waits until the API answers what `check` expects (the queues work in the background): for hooks, where expect.poll is not allowed. */
export const eventually = <T>(read: () => Promise<T>, check: (value: T) => void, timeout = 30_000) =>
  vi.waitFor(async () => {
    const value = await read();
    check(value);
    return value;
  }, { timeout, interval: 250 });

/** The shipments of an order, as the API lists them. */
export const shipmentsOf = async (orderId: string): Promise<any[]> => {
  const res = await adminApi().get(`/v1/fulfillments?order_id=${encodeURIComponent(orderId)}`);
  expect(res.status).toBe(200);
  return res.body.data;
};

/** What the main region reads, spaces folded. */
export const mainText = async (page: Page) => (await page.locator("main").innerText()).replace(/\s+/g, " ");

/** One browser for the file; each test opens its own context (cookies) through `newPage`. */
export function useBrowser() {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    // Unpacked once into the system temp folder, where the next run finds it.
    const executablePath = await sparticuz.executablePath();
    // Playwright makes the browser's profile in the temp folder and deletes it after the browser exits; a test worker
    // that ends first leaves it behind. In this run's folder, the teardown removes it either way.
    const systemTmp = process.env.TMPDIR;
    process.env.TMPDIR = inject("runDir");
    try {
      browser = await chromium.launch({
        executablePath,
        // Nothing of Chromium's own may reach for the network: the machine has none, and a test must not depend on it.
        args: [...sparticuz.args, "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        headless: true,
      });
    } finally {
      if (systemTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = systemTmp;
    }
  });
  // A failed test leaves what each of its pages showed (picture and HTML) in the temp folder, named in the output.
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    const dir = join(tmpdir(), "edge-oms-browser-failures");
    mkdirSync(dir, { recursive: true });
    const stem = task.name.replace(/[^a-z0-9]+/gi, "-").slice(0, 60);
    for (const [i, p] of contexts.flatMap((c) => c.pages()).entries()) {
      const file = join(dir, `${stem}-${i}`);
      await p.screenshot({ path: `${file}.png` }).catch(() => {});
      writeFileSync(`${file}.html`, await p.content().catch(() => ""));
      console.error(`browser test failed on ${p.url()}: see ${file}.png and .html`);
    }
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });
  return {
    async newPage(): Promise<Page> {
      const context = await browser!.newContext({ baseURL: baseUrl(), viewport: { width: 1280, height: 860 } });
      context.setDefaultTimeout(20_000);
      // The first page after a rebuild of the worker is slow on a busy 2-core machine.
      context.setDefaultNavigationTimeout(45_000);
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

/**
 * Saves what the page shows: to docs/screenshots/<name>.png (the README's pictures) when SCREENSHOTS=1, else to the
 * system temp folder, so a test run leaves the committed pictures alone.
 */
export async function screenshot(page: Page, name: string) {
  const dir = process.env.SCREENSHOTS === "1" ? join(ROOT, "docs", "screenshots") : join(tmpdir(), "edge-oms-screenshots");
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}
