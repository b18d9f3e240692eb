// Keeps webhooks, traffic hooks and gate checks from probing the inside of the network: an outbound call may not
// reach loopback, link-local (cloud metadata at 169.254.169.254), private, shared, multicast or reserved addresses,
// unless an admin allowed the host in WEBHOOK_ALLOW_HOSTS. The check runs on the address actually connected to
// (a DNS lookup hook), so a name that resolves to 10.0.0.5, or re-resolves after validation, is refused too.
import "server-only";
import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64 reaches IPv4 inside
  ["2001:db8::", 32],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address is one a webhook may not reach (IPv4-mapped IPv6 is judged as its IPv4 address). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true; // not an address at all: refuse
}

/** WEBHOOK_ALLOW_HOSTS: comma-separated `host` or `host:port` (`[::1]:8080` for IPv6). */
export function parseAllowHosts(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
}

function hostAllowed(url: URL, allow: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  return allow.some((entry) => entry === host || entry === `${host}:${port}`);
}

export class OutboundRefused extends Error {
  constructor(
    message: string,
    readonly code: "invalid_url" | "address_not_allowed",
  ) {
    super(message);
  }
}

/** What can be decided without DNS: the URL's form and a literal internal address or localhost. Throws OutboundRefused. */
export function checkOutboundUrl(raw: string, allow: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused(`"${raw}" is not a URL`, "invalid_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefused(`Only http and https URLs can be called, not ${url.protocol}`, "invalid_url");
  if (url.username || url.password) throw new OutboundRefused("Credentials in the URL are not accepted: receivers authenticate Tidegate by its signature", "invalid_url");
  if (hostAllowed(url, allow)) return url;
  const bare = url.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(bare) !== 0;
  if ((literal && isInternalAddress(bare)) || bare === "localhost" || bare.endsWith(".localhost")) {
    throw new OutboundRefused(
      `${url.host} is a loopback, link-local or private address; Tidegate does not call inside the network unless an administrator allows the host in WEBHOOK_ALLOW_HOSTS`,
      "address_not_allowed",
    );
  }
  return url;
}

/** A dns.lookup replacement for http.request that refuses internal addresses (unless the URL's host is allowed). */
export function guardedLookup(url: URL, allow: readonly string[]) {
  const allowed = hostAllowed(url, allow);
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const bad = list.find((a) => isInternalAddress(a.address));
      if (bad && !allowed) {
        return callback(
          Object.assign(new OutboundRefused(`${hostname} resolves to ${bad.address}, an internal address; allow it in WEBHOOK_ALLOW_HOSTS to call it`, "address_not_allowed"), {
            code: "EADDRNOTALLOWED",
          }),
          [],
        );
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
