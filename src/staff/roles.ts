// What each kind of staff member may do. A dashboard action is an API call made with these scopes, so the API's own
// checks refuse what the role may not do; the screens only hide what would be refused anyway.
import type { Scope } from "../http/auth-scopes";

export const ROLES = ["owner", "manager", "support", "warehouse"] as const;
export type Role = (typeof ROLES)[number];

const READ_ALL: Scope[] = ["catalog:read", "locations:read", "inventory:read", "orders:read", "customers:read", "channels:read"];

export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  // Everything, API keys and users included.
  owner: [
    "catalog:write",
    "locations:write",
    "inventory:write",
    "orders:write",
    "payments:write",
    "customers:write",
    "channels:write",
    "keys:write",
    // Only so an owner can mint publishable keys for a storefront: a key never gets a scope its creator lacks.
    "storefront",
    ...READ_ALL,
  ],
  // Runs the operation: orders, stock, returns, channels, analytics; no users, keys or settings.
  manager: ["catalog:write", "inventory:write", "orders:write", "payments:write", "customers:write", "channels:write", ...READ_ALL],
  // Customer service: orders, customers, returns and refunds; reads stock but never adjusts it.
  support: ["orders:write", "payments:write", "customers:write", "catalog:read", "locations:read", "inventory:read"],
  // The floor: picks, packs, ships, receives and counts, at its own locations (the screens check the location).
  warehouse: ["orders:write", "inventory:write", "catalog:read", "locations:read"],
};

/** The dashboard's screens, and who may open each. */
export const SCREENS = {
  today: ["owner", "manager", "support", "warehouse"],
  orders: ["owner", "manager", "support"],
  fulfillment: ["owner", "manager", "warehouse"],
  inventory: ["owner", "manager", "support", "warehouse"],
  returns: ["owner", "manager", "support", "warehouse"],
  customers: ["owner", "manager", "support"],
  channels: ["owner", "manager"],
  "dead-letters": ["owner", "manager"],
  analytics: ["owner", "manager"],
  settings: ["owner"],
} as const satisfies Record<string, readonly Role[]>;
export type Screen = keyof typeof SCREENS;

export const canOpen = (role: Role, screen: Screen) => (SCREENS[screen] as readonly Role[]).includes(role);
