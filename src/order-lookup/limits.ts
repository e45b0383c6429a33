// Ten tries per caller every ten minutes: plenty for a shopper, hopeless for guessing numbers and emails.
export const LOOKUP_LIMIT = { limit: 10, windowMs: 10 * 60_000 };
// Twenty tries per order number every ten minutes, whoever asks: many IPs together guess one order's email no faster.
// Every try counts, known number or not, so the limit says nothing about which numbers exist. The price: someone
// spraying one number makes its lookup answer 429 for the rest of the window, for its shopper too.
export const NUMBER_LIMIT = { limit: 20, windowMs: 10 * 60_000 };

/** Both counts for one attempt to prove an order by number and email; the returns' self-service counts the same way. */
export const lookupAttempts = (keyId: string, clientIp: string | undefined, number: number) => [
  // The caller is the key and the client IP Cloudflare saw (a client cannot set cf-connecting-ip itself).
  { bucket: `order-lookup\n${keyId}\n${clientIp ?? "unknown"}`, rule: LOOKUP_LIMIT },
  { bucket: `order-lookup-number\n${number}`, rule: NUMBER_LIMIT },
];
