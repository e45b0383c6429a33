// One message carried across the redirect after a form post (post → redirect → get), in a short-lived cookie.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const NAME = "oms_flash";
export type Flash = { kind: "notice" | "error"; text: string };

export function setFlash(c: Context, flash: Flash) {
  setCookie(c, NAME, encodeURIComponent(JSON.stringify(flash)).slice(0, 3000), {
    path: "/admin",
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    maxAge: 60,
  });
}

export function takeFlash(c: Context): Flash | null {
  const value = getCookie(c, NAME);
  if (!value) return null;
  deleteCookie(c, NAME, { path: "/admin", secure: true });
  try {
    const flash = JSON.parse(decodeURIComponent(value)) as Flash;
    return flash.kind === "error" || flash.kind === "notice" ? { kind: flash.kind, text: String(flash.text) } : null;
  } catch {
    return null;
  }
}
