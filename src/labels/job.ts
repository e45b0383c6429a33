import type { Env } from "../env";

// Being built now: until then the job fails, is retried, and ends in the dead letters (nothing is lost).
export async function makeLabel(_env: Env, _data: Record<string, unknown>): Promise<void> {
  throw new Error("makeLabel is not built yet");
}
