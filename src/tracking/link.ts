// Public links to a shipment's tracking page: absolute when the Worker knows its public origin (PUBLIC_URL), since a
// message read in a mail client has no page to be relative to.
import type { Env } from "../env";

export const trackingLink = (env: Env, token: string) => `${(env.PUBLIC_URL ?? "").replace(/\/$/, "")}/track/${token}`;
