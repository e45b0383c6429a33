// Where a webhook may point (OWASP API7:2023, SSRF). The WHATWG URL parser canonicalises hosts first, so numeric
// spellings (2130706433, 0x7f.1, 017700000001) arrive here as 127.0.0.1 and IPv6 arrives compressed in brackets.
// Names are checked as written: a public name that resolves to a private address is for the delivery side to refuse.

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** [first address as a number, prefix length, what it is] */
const BLOCKED_V4: [number, number, string][] = [
  [v4(0, 0, 0, 0), 8, "a 'this network' address (0.0.0.0/8)"],
  [v4(10, 0, 0, 0), 8, "a private address (10.0.0.0/8)"],
  [v4(100, 64, 0, 0), 10, "a carrier-grade NAT address (100.64.0.0/10)"],
  [v4(127, 0, 0, 0), 8, "a loopback address (127.0.0.0/8)"],
  [v4(169, 254, 0, 0), 16, "a link-local address (169.254.0.0/16, cloud metadata)"],
  [v4(172, 16, 0, 0), 12, "a private address (172.16.0.0/12)"],
  [v4(192, 168, 0, 0), 16, "a private address (192.168.0.0/16)"],
  [v4(224, 0, 0, 0), 3, "a multicast or reserved address (224.0.0.0/3)"],
];

function v4(a: number, b: number, c: number, d: number) {
  return ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
}

function blockedV4(address: number): string | undefined {
  for (const [base, bits, what] of BLOCKED_V4) {
    const mask = (~0 << (32 - bits)) >>> 0;
    if (((address & mask) >>> 0) === base) return what;
  }
}

/** Eight 16-bit groups of a canonical (already parsed) IPv6 address, without brackets. */
function v6Groups(address: string): number[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  return tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

function blockedV6(address: string): string | undefined {
  const g = v6Groups(address);
  if (g.every((x) => x === 0)) return "the unspecified address (::)";
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "the IPv6 loopback address (::1)";
  if ((g[0] & 0xfe00) === 0xfc00) return "a unique local IPv6 address (fc00::/7)";
  if ((g[0] & 0xffc0) === 0xfe80) return "a link-local IPv6 address (fe80::/10)";
  if ((g[0] & 0xff00) === 0xff00) return "a multicast IPv6 address (ff00::/8)";
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach an IPv4 host.
  const mapped = g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0);
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mapped || nat64) {
    const inner = blockedV4(((g[6] << 16) >>> 0) + g[7]);
    if (inner) return `an IPv4-mapped IPv6 address of ${inner}`;
  }
}

/**
 * Whether a subscription may deliver to `input`. https only; in "development" http or https to localhost, 127.0.0.1
 * and [::1], spelled just so, is allowed too, so a local receiver works. Private, link-local and similar hosts are refused
 * in every environment. On success `url` is the canonical form, which is what gets stored.
 */
export function checkWebhookUrl(input: string, environment: string): UrlVerdict {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: "It is not an absolute URL." };
  }
  if (url.username || url.password) return { ok: false, reason: "URLs with credentials (user:pass@) are not allowed." };

  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  // Only the plain spellings: 2130706433 or 0x7f.1 is someone probing, not a developer's local receiver.
  const written = /^https?:\/\/(\[[^\]]*\]|[^:/?#]*)/i.exec(input.trim())?.[1].toLowerCase();
  if (environment === "development" && LOOPBACK_NAMES.has(host) && written === url.hostname) return { ok: true, url: url.href };
  if (url.protocol !== "https:") return { ok: false, reason: "Only https URLs are allowed." };
  if (!host) return { ok: false, reason: "The URL has no host." };

  if (host === "localhost" || host.endsWith(".localhost")) return { ok: false, reason: `${host} is a loopback name.` };
  if (host.endsWith(".internal") || host === "internal") return { ok: false, reason: `${host} is an internal name.` };

  const quad = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  const what = quad
    ? blockedV4(v4(+quad[1], +quad[2], +quad[3], +quad[4]))
    : host.startsWith("[")
      ? blockedV6(host.slice(1, -1))
      : undefined;
  if (what) return { ok: false, reason: `${host} is ${what}.` };
  return { ok: true, url: url.href };
}
