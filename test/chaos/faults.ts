// Faults injected into D1 as a service function sees it: its k-th writing batch fails or never returns, before or
// after D1 applied it. The function gets an env whose DB is a proxy; everything else is the real binding.
import type { Env } from "../../src/env";

export type FaultKind =
  /** The batch throws and changes nothing (D1 rolls a failed batch back). */
  | "fail_before"
  /** The batch lands, then the answer is lost: the caller sees an error. */
  | "fail_after"
  /** The worker dies while the batch is on its way: nothing lands, nothing after it runs. */
  | "die_before"
  /** The worker dies right after D1 applied the batch: it landed, nothing after it runs. */
  | "die_after";

export interface Fault {
  kind: FaultKind;
  /** Which writing batch of the call (0 = the first). */
  at: number;
}

export class InjectedFault extends Error {
  constructor(readonly fault: Fault) {
    super(`injected D1 fault ${fault.kind} at write batch ${fault.at}`);
  }
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|WITH)\b/i;

export interface Faulty {
  env: Env;
  /** Resolves when the call died (a die_* fault fired): the caller stops waiting for it. */
  died: Promise<void>;
  fired: () => boolean;
}

export function faultyEnv(env: Env, fault: Fault | null, overrides: Partial<Env> = {}): Faulty {
  let fired = false;
  let dieNow!: () => void;
  const died = new Promise<void>((r) => (dieNow = r));
  if (!fault) return { env: { ...env, ...overrides }, died, fired: () => false };
  const real = env.DB;
  const sqlOf = new WeakMap<object, string>();
  const remember = (stmt: D1PreparedStatement, q: string) => {
    sqlOf.set(stmt, q);
    const bind = stmt.bind.bind(stmt);
    stmt.bind = (...values: unknown[]) => remember(bind(...values), q);
    return stmt;
  };
  let writes = 0;
  const batch = async (stmts: D1PreparedStatement[]) => {
    const writing = stmts.some((s) => WRITE.test(sqlOf.get(s) ?? ""));
    if (!writing || fired || writes++ !== fault.at) return real.batch(stmts);
    fired = true;
    if (fault.kind === "fail_before") throw new InjectedFault(fault);
    if (fault.kind === "die_before") {
      dieNow();
      return new Promise<never>(() => {});
    }
    await real.batch(stmts);
    if (fault.kind === "fail_after") throw new InjectedFault(fault);
    dieNow();
    return new Promise<never>(() => {});
  };
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === "batch") return batch;
      if (prop === "prepare") return (q: string) => remember(target.prepare(q), q);
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return { env: { ...env, ...overrides, DB: db }, died, fired: () => fired };
}

/**
 * Runs a service call under a fault. Returns its value, or `{ died: true }` when the call died (it is abandoned:
 * nothing after the fatal batch ever runs), or throws what the call threw.
 */
export async function underFault<T>(f: Faulty, call: (env: Env) => Promise<T>): Promise<{ died: true } | { died: false; value: T }> {
  const p = call(f.env).then((value) => ({ died: false as const, value }));
  return Promise.race([p, f.died.then(() => ({ died: true as const }))]);
}
