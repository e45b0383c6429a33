import { aftership } from "./aftership";
import { easypost } from "./easypost";
import type { ProviderName, TrackingProvider } from "./provider";
import { shippo } from "./shippo";

export const TRACKING_PROVIDERS: Record<ProviderName, TrackingProvider> = { easypost, shippo, aftership };
export { PROVIDERS, type ProviderName } from "./provider";
