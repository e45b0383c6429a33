// Where a webhook may point (OWASP API7:2023, SSRF). The WHATWG URL parser canonicalises hosts first, so numeric
// spellings (2130706433, 0x7f.1, 017700000001) arrive here as 127.0.0.1 and IPv6 arrives compressed in brackets.
// checkWebhookUrl judges the URL as written (when it is stored, and again before each send); checkDeliveryUrl adds
// what only the moment of sending can judge: where the name points now.
//
// What remains open, honestly: workerd has no resolver of its own. node:dns (nodejs_compat) asks Cloudflare's
// DNS-over-HTTPS service with a fetch, so in production a name is resolved before the send and refused if any address
// is private; offline (tests, a laptop without network) that lookup fails and the send goes on, judged by name only.
// Either way the fetch resolves the name again itself, so a name that answers public to us and private a moment later
// (DNS rebinding, TTL 0) is not caught here. Cloudflare's documentation says deployed Workers' subrequests go to
// hostnames, not to IP addresses directly (Workers "Known issues: Fetch to IP addresses"); we found no documented
// promise that a name resolving to a private range is refused, so we do not lean on one.

import { promises as dns } from "node:dns";
import { BoundedMap } from "../domain/lru";

export type UrlVerdict = { ok: true; url: string } | { ok: false; reason: string };

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);
const LOCAL_SUFFIXES = [".local", ".home.arpa", ".home", ".lan", ".corp"];
// Cloud metadata services by name; most end in .internal (metadata.google.internal, instance-data.ec2.internal), and
// their addresses (169.254.169.254, fd00:ec2::254) are refused as addresses.
const METADATA_NAMES = new Set(["metadata.goog"]);

/** [first address as a number, prefix length, what it is] */
const BLOCKED_V4: [number, number, string][] = [
  [v4(0, 0, 0, 0), 8, "a 'this network' address (0.0.0.0/8)"],
  [v4(10, 0, 0, 0), 8, "a private address (10.0.0.0/8)"],
  [v4(100, 64, 0, 0), 10, "a carrier-grade NAT address (100.64.0.0/10)"],
  [v4(127, 0, 0, 0), 8, "a loopback address (127.0.0.0/8)"],
  [v4(169, 254, 0, 0), 16, "a link-local address (169.254.0.0/16, cloud metadata)"],
  [v4(172, 16, 0, 0), 12, "a private address (172.16.0.0/12)"],
  [v4(192, 0, 0, 0), 24, "an IETF protocol address (192.0.0.0/24)"],
  [v4(192, 0, 2, 0), 24, "a documentation address (192.0.2.0/24)"],
  [v4(192, 88, 99, 0), 24, "a 6to4 relay address (192.88.99.0/24)"],
  [v4(192, 168, 0, 0), 16, "a private address (192.168.0.0/16)"],
  [v4(198, 18, 0, 0), 15, "a benchmarking address (198.18.0.0/15)"],
  [v4(198, 51, 100, 0), 24, "a documentation address (198.51.100.0/24)"],
  [v4(203, 0, 113, 0), 24, "a documentation address (203.0.113.0/24)"],
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

/** Eight 16-bit groups of an IPv6 address without brackets (compressed or not, a dotted IPv4 tail allowed). */
function v6Groups(text: string): number[] {
  // Resolvers may answer ::ffff:127.0.0.1; the URL parser never does (it writes ::ffff:7f00:1).
  const dotted = text.match(/^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  const address = dotted ? `${dotted[1]}${((+dotted[2] << 8) + +dotted[3]).toString(16)}:${((+dotted[4] << 8) + +dotted[5]).toString(16)}` : text;
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const front = part(head);
  const back = part(tail);
  return tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
}

function blockedV6(address: string): string | undefined {
  const g = v6Groups(address);
  if (g.length !== 8 || g.some((x) => !(x >= 0 && x <= 0xffff))) return "not an IPv6 address we can read";
  if (g.every((x) => x === 0)) return "the unspecified address (::)";
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return "the IPv6 loopback address (::1)";
  if ((g[0] & 0xfe00) === 0xfc00) return "a unique local IPv6 address (fc00::/7)";
  if ((g[0] & 0xffc0) === 0xfe80) return "a link-local IPv6 address (fe80::/10)";
  if ((g[0] & 0xffc0) === 0xfec0) return "a site-local IPv6 address (fec0::/10)";
  if ((g[0] & 0xff00) === 0xff00) return "a multicast IPv6 address (ff00::/8)";
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "a documentation IPv6 address (2001:db8::/32)";
  // Teredo tunnels to an IPv4 host hidden (obfuscated) in the address: nothing a webhook receiver needs.
  if (g[0] === 0x2001 && g[1] === 0) return "a Teredo IPv6 address (2001::/32)";
  if (g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0)) return "a discard-only IPv6 address (100::/64)";
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "a local-use NAT64 address (64:ff9b:1::/48)";
  // Ways to reach an IPv4 host through IPv6: IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::a.b.c.d), IPv4-translated
  // (::ffff:0:0:0/96), NAT64 (64:ff9b::/96) carry it in the last 32 bits; 6to4 (2002::/16) right after the prefix.
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  const mapped = zeros(0, 5) && (g[5] === 0xffff || g[5] === 0);
  const translated = zeros(0, 4) && g[4] === 0xffff && g[5] === 0;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6);
  const embedded = mapped || translated || nat64 ? [g[6], g[7]] : g[0] === 0x2002 ? [g[1], g[2]] : null;
  if (embedded) {
    const inner = blockedV4(((embedded[0] << 16) >>> 0) + embedded[1]);
    if (inner) return `an IPv6 address carrying ${g[0] === 0x2002 ? "(6to4, 2002::/16) " : "(IPv4-mapped) "}${inner}`;
  }
}

/** Why an address (dotted IPv4, or IPv6 without brackets, as a resolver answers) must not be sent to; else undefined. */
export function blockedAddress(address: string): string | undefined {
  const quad = address.match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/);
  if (quad) return quad.slice(1).some((p) => +p > 255) ? "not an IPv4 address" : blockedV4(v4(+quad[1], +quad[2], +quad[3], +quad[4]));
  if (address.includes(":")) return blockedV6(address.toLowerCase());
  return "not an IP address";
}

/**
 * Whether a host is an IP address in any spelling: dotted or not, decimal, hex (0x7f) or octal (0177) parts, short
 * forms (127.1, 2130706433), or IPv6 in brackets. The URL parser canonicalises these; this does not rely on it.
 */
export function isIpLiteral(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (h.startsWith("[") || h.includes(":")) return true;
  const parts = h.split(".");
  return parts.length <= 4 && parts.every((p) => /^(0x[0-9a-f]*|[0-9]+)$/.test(p));
}

/** In development, a local receiver spelled plainly (localhost, 127.0.0.1, [::1]) over http or https. */
function isDevLoopback(input: string, url: URL, environment: string): boolean {
  // Only the plain spellings: 2130706433 or 0x7f.1 is someone probing, not a developer's local receiver.
  const written = /^https?:\/\/(\[[^\]]*\]|[^:/?#]*)/i.exec(input.trim())?.[1].toLowerCase();
  return environment === "development" && LOOPBACK_NAMES.has(url.hostname.toLowerCase()) && written === url.hostname;
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
  if (isDevLoopback(input, url, environment)) return { ok: true, url: url.href };
  if (url.protocol !== "https:") return { ok: false, reason: "Only https URLs are allowed." };
  if (!host) return { ok: false, reason: "The URL has no host." };

  if (host === "localhost" || host.endsWith(".localhost")) return { ok: false, reason: `${host} is a loopback name.` };
  if (host.endsWith(".internal") || host === "internal") return { ok: false, reason: `${host} is an internal name.` };
  // mDNS (.local), home networks (.home.arpa, RFC 8375) and names without a dot (an intranet's "metadata", "router"):
  // none is a place on the internet.
  if (LOCAL_SUFFIXES.some((s) => host === s.slice(1) || host.endsWith(s)) || METADATA_NAMES.has(host))
    return { ok: false, reason: `${host} is a local network name.` };
  if (!host.includes(".") && !host.startsWith("[") && !isIpLiteral(host)) return { ok: false, reason: `${host} is a local network name (no domain).` };

  const quad = host.match(/^(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  const what = quad
    ? blockedV4(v4(+quad[1], +quad[2], +quad[3], +quad[4]))
    : host.startsWith("[")
      ? blockedV6(host.slice(1, -1))
      : undefined;
  if (what) return { ok: false, reason: `${host} is ${what}.` };
  return { ok: true, url: url.href };
}

/** A host's current addresses, or null when they cannot be learnt (no network, no such name, resolver down). */
export type Resolve = (host: string) => Promise<string[] | null>;

/**
 * The check right before a send: checkWebhookUrl, then (outside the development loopback exception) no IP literal in
 * any spelling (a deployed Worker cannot fetch one anyway, so only a probe would use it), and no name whose
 * addresses include a private one. A name that cannot be resolved goes on to the fetch, judged by name only.
 */
export async function checkDeliveryUrl(input: string, environment: string, resolve: Resolve = resolveHost): Promise<UrlVerdict> {
  const verdict = checkWebhookUrl(input, environment);
  if (!verdict.ok) return verdict;
  const url = new URL(verdict.url);
  if (isDevLoopback(input, url, environment)) return verdict;
  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  if (isIpLiteral(host)) return { ok: false, reason: `${host} is an IP address; webhooks are delivered to names only.` };
  for (const address of (await resolve(host)) ?? []) {
    const what = blockedAddress(address);
    if (what) return { ok: false, reason: `${host} resolves to ${address}, ${what}.` };
  }
  return verdict;
}

// Answers are kept a minute per isolate (values, never promises), at most 1,000 names: one lookup per host and minute.
const RESOLVED_MS = 60_000;
const resolved = new BoundedMap<string, { at: number; addresses: string[] | null }>(1_000);

/** A and AAAA records through node:dns, which workerd answers by DNS-over-HTTPS (a fetch to Cloudflare's resolver). */
export async function resolveHost(host: string): Promise<string[] | null> {
  const hit = resolved.get(host);
  if (hit && Date.now() - hit.at < RESOLVED_MS) return hit.addresses;
  const [v4s, v6s] = await Promise.all([dns.resolve4(host).catch(() => null), dns.resolve6(host).catch(() => null)]);
  const addresses = v4s || v6s ? [...(v4s ?? []), ...(v6s ?? [])] : null;
  resolved.set(host, { at: Date.now(), addresses });
  return addresses;
}
