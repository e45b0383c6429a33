import type { Principal } from "../env";

/** Who the order timeline names for the caller: the staff member, or the API key. */
export const actor = (c: { get: (k: "principal") => Principal }) => {
  const p = c.get("principal");
  return p.actor ?? `api_key:${p.id}`;
};
