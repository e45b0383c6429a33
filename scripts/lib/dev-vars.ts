// .dev.vars: the local secrets every Worker of `wrangler dev` reads from beside its own config (the OMS Worker's is
// the repository root). `npm run dev`, the bench and the browser tests all go through here, because wrangler hands
// `--var` only to the first Worker of a multi-Worker dev, the storefront one, which keeps no secrets.
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./wrangler";

const DEV_VARS = join(ROOT, ".dev.vars");
const DEV_VARS_EXAMPLE = join(ROOT, ".dev.vars.example");

const newAdminKey = () => `sk_dev_${randomBytes(24).toString("hex")}`;

/** Reads ADMIN_API_KEY from .dev.vars, creating the file (from the example, with a fresh key) if needed. */
export function ensureDevVars(say: (message: string) => void = () => {}): string {
  if (!existsSync(DEV_VARS)) {
    const example = existsSync(DEV_VARS_EXAMPLE) ? readFileSync(DEV_VARS_EXAMPLE, "utf8") : "ADMIN_API_KEY=\n";
    const text = /^ADMIN_API_KEY=.*$/m.test(example)
      ? example.replace(/^ADMIN_API_KEY=.*$/m, `ADMIN_API_KEY=${newAdminKey()}`)
      : `${example.trimEnd()}\nADMIN_API_KEY=${newAdminKey()}\n`;
    writeFileSync(DEV_VARS, text, { mode: 0o600 });
    say("created .dev.vars with a new random ADMIN_API_KEY");
  }
  let text = readFileSync(DEV_VARS, "utf8");
  let key = text.match(/^\s*ADMIN_API_KEY\s*=\s*["']?([^"'\s#]+)["']?/m)?.[1];
  if (!key) {
    key = newAdminKey();
    text = `${text.trimEnd()}${text.trim() ? "\n" : ""}ADMIN_API_KEY=${key}\n`;
    writeFileSync(DEV_VARS, text, { mode: 0o600 });
    say("added a random ADMIN_API_KEY to .dev.vars");
  }
  return key;
}
