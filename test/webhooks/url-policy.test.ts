import { describe, expect, it } from "vitest";
import { blockedAddress, checkDeliveryUrl, checkWebhookUrl, isIpLiteral, resolveHost } from "../../src/webhooks/url-policy";

const allowed: [string, string, string][] = [
  ["https://hooks.example.com/oms", "production", "https://hooks.example.com/oms"],
  ["https://HOOKS.Example.com:8443/a?b=c", "production", "https://hooks.example.com:8443/a?b=c"],
  ["https://93.184.216.34/hook", "production", "https://93.184.216.34/hook"],
  ["https://[2606:4700::1111]/hook", "production", "https://[2606:4700::1111]/hook"],
  ["https://172.32.0.1/", "production", "https://172.32.0.1/"],
  ["https://198.20.0.1/", "production", "https://198.20.0.1/"],
  ["https://[2002:5db8:d822::1]/", "production", "https://[2002:5db8:d822::1]/"],
  ["https://[::ffff:5db8:d822]/", "production", "https://[::ffff:5db8:d822]/"],
  ["https://shop.example.local.example.com/", "production", "https://shop.example.local.example.com/"],
  ["http://localhost:8787/hook", "development", "http://localhost:8787/hook"],
  ["http://127.0.0.1:8787/hook", "development", "http://127.0.0.1:8787/hook"],
  ["http://[::1]:8787/hook", "development", "http://[::1]:8787/hook"],
  ["https://localhost/hook", "development", "https://localhost/hook"],
];

// [url, environment, words the reason must contain]
const refused: [string, string, string][] = [
  ["not a url", "production", "not an absolute URL"],
  ["http://hooks.example.com/", "production", "Only https"],
  ["http://hooks.example.com/", "development", "Only https"],
  ["ftp://hooks.example.com/", "production", "Only https"],
  ["https://user:pass@hooks.example.com/", "production", "credentials"],
  ["https://user@hooks.example.com/", "development", "credentials"],
  ["http://localhost:8787/", "production", "Only https"],
  ["https://localhost/", "production", "loopback name"],
  ["https://app.localhost/", "development", "loopback name"],
  ["https://LOCALHOST./", "production", "loopback name"],
  ["https://metadata.google.internal/", "production", "internal name"],
  ["https://127.0.0.1/", "production", "loopback"],
  ["https://127.1.2.3/", "development", "loopback"],
  ["http://2130706433/", "development", "Only https"],
  ["https://0x7f.1/", "development", "loopback"],
  ["https://[0:0::1]/", "development", "IPv6 loopback"],
  ["https://2130706433/", "production", "loopback"],
  ["https://0x7f.1/", "production", "loopback"],
  ["https://017700000001/", "production", "loopback"],
  ["https://0.0.0.0/", "production", "0.0.0.0/8"],
  ["https://0/", "production", "0.0.0.0/8"],
  ["https://10.1.2.3/", "development", "10.0.0.0/8"],
  ["https://172.16.0.1/", "production", "172.16.0.0/12"],
  ["https://172.31.255.255/", "production", "172.16.0.0/12"],
  ["https://192.168.1.1/", "production", "192.168.0.0/16"],
  ["https://169.254.169.254/latest/meta-data/", "production", "metadata"],
  ["https://100.64.0.1/", "production", "100.64.0.0/10"],
  ["https://100.127.255.255/", "production", "100.64.0.0/10"],
  ["https://224.0.0.1/", "production", "multicast"],
  ["https://[::1]/", "production", "IPv6 loopback"],
  ["https://[::]/", "production", "unspecified"],
  ["https://[fc00::1]/", "production", "fc00::/7"],
  ["https://[fd12:3456::1]/", "production", "fc00::/7"],
  ["https://[fe80::1]/", "production", "fe80::/10"],
  ["https://[::ffff:127.0.0.1]/", "production", "IPv4-mapped"],
  ["https://[::ffff:169.254.169.254]/", "production", "metadata"],
  ["https://[::ffff:a00:1]/", "production", "10.0.0.0/8"],
  ["https://[64:ff9b::192.168.0.1]/", "production", "192.168.0.0/16"],
  // Issue 9 §6: ranges that were missing.
  ["https://198.18.0.1/", "production", "198.18.0.0/15"],
  ["https://198.19.255.255/", "production", "198.18.0.0/15"],
  ["https://192.0.0.8/", "production", "192.0.0.0/24"],
  ["https://192.0.2.1/", "production", "documentation"],
  ["https://[2002:7f00:1::]/", "production", "6to4"],
  ["https://[2002:a9fe:a9fe::1]/", "production", "169.254.0.0/16"],
  ["https://[2002:c0a8:101::]/", "production", "192.168.0.0/16"],
  ["https://[::ffff:7f00:1]/", "production", "loopback"],
  ["https://[::ffff:c612:1]/", "production", "198.18.0.0/15"],
  ["https://[::ffff:0:a00:1]/", "production", "10.0.0.0/8"],
  ["https://[fec0::1]/", "production", "site-local"],
  ["https://[2001:db8::1]/", "production", "documentation"],
  ["https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "production", "Teredo"],
  ["https://[64:ff9b:1::a]/", "production", "NAT64"],
  ["https://[fd00:ec2::254]/", "production", "fc00::/7"],
  // Local names.
  ["https://printer.local/", "production", "local network name"],
  ["https://nas.home.arpa/", "production", "local network name"],
  ["https://metadata/", "production", "no domain"],
  ["https://metadata.goog/", "production", "local network name"],
  ["https://instance-data.ec2.internal/", "production", "internal name"],
];

describe("webhook URL policy", () => {
  it.each(allowed)("allows %s in %s", (url, environment, canonical) => {
    expect(checkWebhookUrl(url, environment)).toEqual({ ok: true, url: canonical });
  });

  it.each(refused)("refuses %s in %s", (url, environment, reason) => {
    const verdict = checkWebhookUrl(url, environment);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });
});

describe("webhook URL policy at delivery time", () => {
  const resolvesTo = (addresses: string[] | null) => async () => addresses;

  it.each(["127.1", "2130706433", "0x7f000001", "0x7f.1", "017700000001", "127.0.0.1", "10.1", "[::1]", "::ffff:7f00:1", "1.2.3.4."])(
    "reads %s as an IP literal",
    (host) => expect(isIpLiteral(host)).toBe(true),
  );

  it.each(["hooks.example.com", "1.2.3.4.nip.io", "0x7f.example", "127.0.0.1.example.com", "a1"])("reads %s as a name", (host) =>
    expect(isIpLiteral(host)).toBe(false),
  );

  it.each([
    ["https://127.1/", "loopback"],
    ["https://0x7f.1/", "loopback"],
    ["https://93.184.216.34/hook", "IP address"],
    ["https://[2606:4700::1111]/hook", "IP address"],
    ["https://printer.local/", "local network name"],
    ["https://metadata.google.internal/computeMetadata/v1/", "internal name"],
  ])("refuses %s before sending, whatever the name resolves to", async (url, reason) => {
    const verdict = await checkDeliveryUrl(url, "production", resolvesTo(["93.184.216.34"]));
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it.each([
    [["10.0.0.7"], "10.0.0.0/8"],
    [["93.184.216.34", "169.254.169.254"], "169.254.0.0/16"],
    [["::1"], "IPv6 loopback"],
    [["2606:4700::1111", "fd00::1"], "fc00::/7"],
    [["::ffff:127.0.0.1"], "loopback"],
    [["198.18.5.5"], "198.18.0.0/15"],
  ])("refuses a name that resolves to %j", async (addresses, reason) => {
    const verdict = await checkDeliveryUrl("https://rebind.example.com/hook", "production", resolvesTo(addresses));
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it("sends to a name that resolves to public addresses only, or that cannot be resolved (judged by name then)", async () => {
    expect(await checkDeliveryUrl("https://hooks.example.com/oms", "production", resolvesTo(["93.184.216.34", "2606:2800:220:1::1"]))).toEqual({
      ok: true,
      url: "https://hooks.example.com/oms",
    });
    expect(await checkDeliveryUrl("https://hooks.example.com/oms", "production", resolvesTo(null))).toEqual({ ok: true, url: "https://hooks.example.com/oms" });
  });

  it("keeps the development exception for a local receiver spelled plainly", async () => {
    for (const url of ["http://localhost:8787/hook", "http://127.0.0.1:8787/hook", "http://[::1]:8787/hook"])
      expect((await checkDeliveryUrl(url, "development", resolvesTo(["127.0.0.1"]))).ok).toBe(true);
    expect((await checkDeliveryUrl("https://127.1/", "development", resolvesTo(null))).ok).toBe(false);
  });

  it("resolves through node:dns here too: offline (the tests' outbound has no DNS) the answer is unknown, not an error", async () => {
    expect(await resolveHost("receiver.test")).toBeNull();
    // So deliveries to the tests' receiver still go out.
    expect(await checkDeliveryUrl("https://receiver.test/hooks/box", "development")).toEqual({ ok: true, url: "https://receiver.test/hooks/box" });
  });

  it("reads resolver answers", () => {
    expect(blockedAddress("8.8.8.8")).toBeUndefined();
    expect(blockedAddress("2001:4860:4860::8888")).toBeUndefined();
    expect(blockedAddress("192.168.1.1")).toContain("192.168.0.0/16");
    expect(blockedAddress("999.1.1.1")).toBeDefined();
    expect(blockedAddress("not-an-ip")).toBeDefined();
  });
});
