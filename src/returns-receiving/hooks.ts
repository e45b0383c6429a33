// Features that follow received units (an exchange shipping its replacement) register here; receiving never imports
// them. A hook runs after the receipt is written and its units are on the cells, and again when the same receipt is
// asked for again (a retry after a lost answer or a 5xx), so it must be idempotent by `receipt.id`.
import type { Env } from "../env";
import type { LoadedReturn } from "../returns/store";
import type { ReceiveDisposition } from "./schemas";

export interface ReceivedUnits {
  return_line_id: string;
  quantity: number;
  disposition: ReceiveDisposition;
}

export type ReceivedHook = (env: Env, ret: LoadedReturn, received: ReceivedUnits[], receipt: { id: string; location_id: string }) => Promise<void>;

const hooks: ReceivedHook[] = [];

export const onReturnReceived = (hook: ReceivedHook) => void hooks.push(hook);

/** Every registered hook, one after another; a failure goes to the caller (the retry runs them all again). */
export async function returnReceived(env: Env, ret: LoadedReturn, received: ReceivedUnits[], receipt: { id: string; location_id: string }) {
  for (const hook of hooks) await hook(env, ret, received, receipt);
}
