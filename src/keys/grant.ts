// Which scopes a new key gets (OWASP API5, function-level authorization): never more than the key that creates it
// holds, or `keys:write` alone would be a way to every scope. The bootstrap key holds them all.
import type { Principal } from "../env";
import { PUBLISHABLE_SCOPES, SCOPES, type Scope } from "../http/auth-scopes";
import { holdsScope } from "../http/auth";
import { Problem } from "../http/problem";

export interface KeyRequest {
  kind: "secret" | "publishable";
  scopes?: Scope[];
}

const named = (scopes: string[]) => scopes.map((s) => `\`${s}\``).join(", ");

/** The scopes the new key will carry; 403 when the request asks for more than `creator` may hand out. */
export function scopesToGrant(creator: Principal, input: KeyRequest): Scope[] {
  if (input.kind === "publishable") {
    // A publishable key lives in a web page: whatever it may do, anyone may do.
    const extra = (input.scopes ?? []).filter((s) => !PUBLISHABLE_SCOPES.includes(s));
    if (extra.length)
      throw new Problem(403, "publishable_scope_not_allowed", "Forbidden", `Publishable keys carry only \`storefront\`, not ${named(extra)}.`, {
        scopes: extra,
      });
    return refuseUnheld(creator, PUBLISHABLE_SCOPES);
  }
  // Without a list, the new key gets what its creator holds (every scope when the bootstrap key creates it).
  const wanted = input.scopes ?? creator.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s));
  return refuseUnheld(creator, [...new Set(wanted)]);
}

function refuseUnheld(creator: Principal, wanted: Scope[]): Scope[] {
  const unheld = wanted.filter((s) => !holdsScope(creator, s));
  if (unheld.length)
    throw new Problem(403, "scope_not_held", "Forbidden", `A key can only grant scopes it holds itself; this key lacks ${named(unheld)}.`, {
      scopes: unheld,
    });
  return wanted;
}
