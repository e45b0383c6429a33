// A signed-in staff member for dashboard tests: created in D1 with a password, signed in through the login form,
// then pages fetched and forms posted with the session cookie and CSRF token, as a browser would.
import { env, exports } from "cloudflare:workers";
import { createStaff } from "../../src/staff/store";
import type { Role } from "../../src/staff/roles";
import { BASE } from "../helpers/client";

export const PASSWORD = "correct horse battery staple";

export interface Browser {
  email: string;
  userId: string;
  /** GET a dashboard page (redirects not followed). */
  get(path: string): Promise<{ status: number; html: string; location: string | null; res: Response }>;
  /** POST a form from a page of ours: the session's CSRF token and an idempotency field are added. */
  post(path: string, fields?: Record<string, string | string[]>): Promise<{ status: number; html: string; location: string | null }>;
  /** GET after a post's redirect: the page the staff member lands on, with its flash message. */
  follow(res: { location: string | null }): Promise<{ status: number; html: string }>;
  cookie: string;
  csrf: string;
}

let n = 0;
export async function newStaff(role: Role, opts: { locations?: string[]; email?: string; name?: string } = {}) {
  const email = opts.email ?? `${role}${++n}-${Math.random().toString(36).slice(2, 8)}@shop.test`;
  const row = await createStaff(env.DB, { email, name: opts.name ?? `${role[0].toUpperCase()}${role.slice(1)} ${n}`, role, locations: opts.locations, password: PASSWORD });
  return row!;
}

export const visit = (path: string, init: RequestInit = {}) => exports.default.fetch(new Request(`${BASE}${path}`, { redirect: "manual", ...init }));

export async function login(email: string, password = PASSWORD) {
  return visit("/admin/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE },
    body: new URLSearchParams({ email, password, next: "/admin" }),
  });
}

export async function loginAs(role: Role, opts: { locations?: string[]; name?: string } = {}): Promise<Browser> {
  const user = await newStaff(role, opts);
  const res = await login(user.email);
  if (res.status !== 303) throw new Error(`login as ${role} -> ${res.status}`);
  const cookie = res.headers.get("set-cookie")!.split(";")[0];
  let jar = cookie;
  const withFlash = (r: Response) => {
    const flash = r.headers.get("set-cookie")?.match(/(?:^|, )(oms_flash=[^;]*)/)?.[1];
    jar = flash ? `${cookie}; ${flash}` : cookie;
  };
  const csrf = (await env.DB.prepare("SELECT csrf FROM staff_sessions WHERE user_id = ?").bind(user.id).first<{ csrf: string }>())!.csrf;
  const b: Browser = {
    email: user.email,
    userId: user.id,
    cookie,
    csrf,
    async get(path) {
      const r = await visit(path, { headers: { cookie: jar } });
      jar = cookie;
      return { status: r.status, html: await r.text(), location: r.headers.get("location"), res: r };
    },
    async post(path, fields = {}) {
      const body = new URLSearchParams();
      body.set("_csrf", csrf);
      body.set("_idem", `idem-${Date.now()}-${++n}`);
      for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
      const r = await visit(path, { method: "POST", headers: { cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" }, body });
      withFlash(r);
      return { status: r.status, html: await r.text(), location: r.headers.get("location") };
    },
    async follow(res) {
      if (!res.location) throw new Error("no redirect to follow");
      const page = await b.get(new URL(res.location, BASE).pathname + new URL(res.location, BASE).search);
      return { status: page.status, html: page.html };
    },
  };
  return b;
}

/** The page's text without tags, spaces folded: what a person reads. */
export const text = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
