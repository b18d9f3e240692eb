// The one outbound guard: every call Tidegate makes to an address it was given (webhooks, traffic hooks, gate checks,
// Prometheus, traffic routers) goes through it, so a plan or an endpoint cannot turn the server into a probe of its
// own network. A call may not reach loopback, link-local (cloud metadata at 169.254.169.254), private, shared,
// documentation, NAT64, multicast or reserved addresses, unless the operator allows the host or the network in
// OUTBOUND_ALLOW (one list, one syntax: `host`, `host:port`, an IP, a CIDR, or the words `loopback` / `private`).
// Addresses the operator configured themself (PROMETHEUS_URL and the like) are trusted as configured. The check runs
// on the address actually connected to (a DNS lookup hook), so a name that resolves to 10.0.0.5, or re-resolves after
// validation, is refused too.
import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

const INTERNAL_V4: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24], // documentation (TEST-NET-1): never a public service
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24], // TEST-NET-2
  ["203.0.113.0", 24], // TEST-NET-3
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const INTERNAL_V6: readonly (readonly [string, number])[] = [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["64:ff9b::", 96], // NAT64 reaches IPv4 inside
  ["2001:db8::", 32], // documentation
];

const internal = new BlockList();
for (const [net, prefix] of INTERNAL_V4) internal.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of INTERNAL_V6) internal.addSubnet(net, prefix, "ipv6");

/** What the operator allows beyond the public internet: hosts (`host`, `host:port`) and networks. */
export interface OutboundPolicy {
  hosts: readonly string[];
  networks: BlockList;
  /** The entries as written, for messages and for comparing two policies. */
  spec: string;
}

export const NO_EXCEPTIONS: OutboundPolicy = { hosts: [], networks: new BlockList(), spec: "" };

/** Normalises an address: IPv4-mapped IPv6 is judged as its IPv4 address, brackets are dropped. */
function bare(address: string): { address: string; family: "ipv4" | "ipv6" | null } {
  const unbracketed = address.replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(unbracketed);
  const a = mapped ? mapped[1]! : unbracketed;
  const family = isIP(a);
  return { address: a, family: family === 4 ? "ipv4" : family === 6 ? "ipv6" : null };
}

/** Whether an IP address is one an outbound call may not reach without an allow entry (not an address: true). */
export function isInternalAddress(address: string): boolean {
  const a = bare(address);
  return a.family === null ? true : internal.check(a.address, a.family);
}

/**
 * OUTBOUND_ALLOW: comma-separated entries, each `host`, `host:port` (`[::1]:8080` for IPv6), an IP address, a CIDR
 * network (`10.0.0.0/8`, `fd00::/8`), or `loopback` / `private`. Throws on an entry that is none of these.
 */
export function parseOutboundAllow(...specs: (string | undefined)[]): OutboundPolicy {
  const hosts: string[] = [];
  const networks = new BlockList();
  const entries = specs.flatMap((s) => (s ?? "").split(",")).map((e) => e.trim().toLowerCase()).filter(Boolean);
  for (const entry of entries) {
    if (entry === "loopback") {
      networks.addSubnet("127.0.0.0", 8, "ipv4");
      networks.addAddress("::1", "ipv6");
      continue;
    }
    if (entry === "private") {
      for (const [net, prefix] of INTERNAL_V4) networks.addSubnet(net, prefix, "ipv4");
      for (const [net, prefix] of INTERNAL_V6) networks.addSubnet(net, prefix, "ipv6");
      continue;
    }
    const slash = entry.indexOf("/");
    if (slash >= 0) {
      const a = bare(entry.slice(0, slash));
      const bits = entry.slice(slash + 1);
      const max = a.family === "ipv4" ? 32 : 128;
      if (!a.family || !/^\d{1,3}$/.test(bits) || Number(bits) > max) throw new Error(`"${entry}" in OUTBOUND_ALLOW is not a CIDR network (like 10.0.0.0/8 or fd00::/8)`);
      networks.addSubnet(a.address, Number(bits), a.family);
      continue;
    }
    const a = bare(entry);
    if (a.family) {
      networks.addAddress(a.address, a.family);
      hosts.push(entry.startsWith("[") ? entry : a.family === "ipv6" ? `[${a.address}]` : a.address);
      continue;
    }
    // host or host:port (an IPv6 host with a port is bracketed)
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(:\d{1,5})?$/.test(entry)) throw new Error(`"${entry}" in OUTBOUND_ALLOW is not a host, host:port, IP address or CIDR network`);
    hosts.push(entry);
  }
  return { hosts, networks, spec: entries.join(",") };
}

/** Adds the hosts of addresses the operator configured (PROMETHEUS_URL, ...): trusted as configured. */
export function trustConfigured(policy: OutboundPolicy, urls: readonly (string | undefined)[]): OutboundPolicy {
  const hosts = [...policy.hosts];
  for (const raw of urls) {
    if (!raw) continue;
    try {
      const url = new URL(raw);
      hosts.push(`${url.hostname.toLowerCase()}:${portOf(url)}`);
    } catch {
      // validated elsewhere
    }
  }
  return { ...policy, hosts, spec: [policy.spec, ...urls.filter(Boolean)].join(",") };
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

function hostAllowed(url: URL, policy: OutboundPolicy): boolean {
  const host = url.hostname.toLowerCase();
  return policy.hosts.some((entry) => entry === host || entry === `${host}:${portOf(url)}`);
}

/** Why the connection to `address` for `url` is refused, or null when it may go ahead. */
export function refusalFor(url: URL, address: string, policy: OutboundPolicy): string | null {
  if (hostAllowed(url, policy)) return null;
  const a = bare(address);
  if (a.family && policy.networks.check(a.address, a.family)) return null;
  if (!isInternalAddress(address)) return null;
  const shown = a.address === url.hostname.replace(/^\[|\]$/g, "") ? url.host : `${url.host} (${a.address})`;
  return `${shown} is a loopback, link-local, private or reserved address; Tidegate does not call inside the network unless the operator allows the host or its network in OUTBOUND_ALLOW`;
}

export class OutboundRefused extends Error {
  constructor(
    message: string,
    readonly code: "invalid_url" | "address_not_allowed",
  ) {
    super(message);
  }
}

/**
 * What can be decided without DNS: the URL's form, and a literal internal address or `localhost`. Throws
 * OutboundRefused. `credentials: true` lets `user:password@` through (Prometheus takes basic auth that way).
 */
export function checkOutboundUrl(raw: string, policy: OutboundPolicy, options: { credentials?: boolean } = {}): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundRefused(`"${raw}" is not a URL`, "invalid_url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new OutboundRefused(`Only http and https URLs can be called, not ${url.protocol}`, "invalid_url");
  if (!options.credentials && (url.username || url.password)) throw new OutboundRefused("Credentials in the URL are not accepted: receivers authenticate Tidegate by its signature", "invalid_url");
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (isIP(host) !== 0) {
    const refusal = refusalFor(url, host, policy);
    if (refusal) throw new OutboundRefused(refusal, "address_not_allowed");
  } else if ((host === "localhost" || host.endsWith(".localhost")) && !hostAllowed(url, policy)) {
    throw new OutboundRefused(refusalFor(url, "127.0.0.1", policy)!, "address_not_allowed");
  }
  return url;
}

/** A dns.lookup replacement for http.request that refuses addresses outside the policy (every one checked). */
export function guardedLookup(url: URL, policy: OutboundPolicy) {
  return (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      const refusal = list.map((a) => refusalFor(url, a.address, policy)).find((r) => r !== null);
      if (refusal) return callback(Object.assign(new OutboundRefused(refusal, "address_not_allowed"), { code: "EADDRNOTALLOWED" }), []);
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
