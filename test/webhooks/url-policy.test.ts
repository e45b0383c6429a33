import { describe, expect, it } from "vitest";
import { checkWebhookUrl } from "../../src/webhooks/url-policy";

const allowed: [string, string, string][] = [
  ["https://hooks.example.com/oms", "production", "https://hooks.example.com/oms"],
  ["https://HOOKS.Example.com:8443/a?b=c", "production", "https://hooks.example.com:8443/a?b=c"],
  ["https://93.184.216.34/hook", "production", "https://93.184.216.34/hook"],
  ["https://[2606:4700::1111]/hook", "production", "https://[2606:4700::1111]/hook"],
  ["https://172.32.0.1/", "production", "https://172.32.0.1/"],
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
