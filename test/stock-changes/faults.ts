// Faults for the recovery-path tests: a D1 that refuses chosen statements, or goes down after a chosen one. The code
// under test is called directly with such an env, as a request whose D1 write failed or whose worker died would run.
import { env } from "cloudflare:workers";
import type { Env } from "../../src/env";

const forward = <T extends object>(target: T, p: string | symbol) => {
  const v = Reflect.get(target, p);
  return typeof v === "function" ? v.bind(target) : v;
};

/** Statements matching `pattern` fail (the first `times` of them): their whole batch is rolled back, as D1 does. */
export function refusing(pattern: RegExp, times = 1): Env {
  let left = times;
  const DB = new Proxy(env.DB, {
    get(t, p) {
      if (p === "prepare")
        return (text: string) => (pattern.test(text) && left-- > 0 ? t.prepare("INSERT INTO injected_fault (x) VALUES (1)") : t.prepare(text));
      return forward(t, p);
    },
  });
  return { ...(env as unknown as Env), DB };
}

/**
 * D1 stops answering right after the first batch carrying a statement matching `pattern` landed; with `cellsToo` the
 * cells do too (the worker died there).
 */
export function downAfter(pattern: RegExp, opts: { cellsToo?: boolean } = {}): Env {
  let armed = false;
  let down = false;
  const DB = new Proxy(env.DB, {
    get(t, p) {
      if (p === "prepare")
        return (text: string) => {
          if (down) throw new Error("D1 is down (injected)");
          if (pattern.test(text)) armed = true;
          return t.prepare(text);
        };
      if (p === "batch")
        return async (statements: D1PreparedStatement[]) => {
          if (down) throw new Error("D1 is down (injected)");
          const result = await t.batch(statements);
          if (armed) down = true;
          return result;
        };
      return forward(t, p);
    },
  });
  const INVENTORY = new Proxy(env.INVENTORY, {
    get(t, p) {
      if (p === "get")
        return (id: DurableObjectId) => {
          if (down && opts.cellsToo) throw new Error("the worker is gone (injected)");
          return t.get(id);
        };
      return forward(t, p);
    },
  });
  return { ...(env as unknown as Env), DB, INVENTORY };
}
