// Public links to a shipment's tracking page: absolute when the Worker knows its public origin (PUBLIC_URL), since a
// message read in a mail client, or a storefront on another domain, has no page to be relative to.
export const publicLink = (publicUrl: string | undefined, path: string) => `${(publicUrl ?? "").replace(/\/$/, "")}${path}`;

export const trackingLink = (publicUrl: string | undefined, token: string) => publicLink(publicUrl, `/track/${token}`);
