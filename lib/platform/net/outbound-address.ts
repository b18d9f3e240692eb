// Outbound calls refuse private, loopback and link-local addresses (a plan must not turn the server into a probe
// of its own network) unless the operator lists the network in an allow-list such as PROMETHEUS_ALLOWED_NETWORKS.
// The check runs on the address actually connected to (a `lookup` hook), so a DNS answer cannot swap it afterwards.
import "server-only";
import dns from "node:dns";
import net from "node:net";

const PRIVATE_V4 = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4"];
const PRIVATE_V6 = ["::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8"];

const privateList = new net.BlockList();
for (const cidr of PRIVATE_V4) privateList.addSubnet(cidr.split("/")[0], Number(cidr.split("/")[1]), "ipv4");
for (const cidr of PRIVATE_V6) privateList.addSubnet(cidr.split("/")[0], Number(cidr.split("/")[1]), "ipv6");

/** Parses "127.0.0.0/8,10.1.2.3" (or the words `loopback`, `private`) into a BlockList of allowed networks. */
export function allowedNetworks(spec: string): net.BlockList {
  const list = new net.BlockList();
  for (const raw of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    if (raw === "loopback") {
      list.addSubnet("127.0.0.0", 8, "ipv4");
      list.addAddress("::1", "ipv6");
      continue;
    }
    if (raw === "private") {
      for (const cidr of PRIVATE_V4) list.addSubnet(cidr.split("/")[0], Number(cidr.split("/")[1]), "ipv4");
      for (const cidr of PRIVATE_V6) list.addSubnet(cidr.split("/")[0], Number(cidr.split("/")[1]), "ipv6");
      continue;
    }
    const [addr, bits] = raw.split("/");
    const family = net.isIPv6(addr) ? "ipv6" : net.isIPv4(addr) ? "ipv4" : null;
    if (!family) throw new Error(`"${raw}" is not an IP address or CIDR network`);
    if (bits === undefined) list.addAddress(addr, family);
    else list.addSubnet(addr, Number(bits), family);
  }
  return list;
}

/** Why an address may not be called, or null when it may. */
export function refusalFor(address: string, allowed: net.BlockList): string | null {
  const v4mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const addr = v4mapped ? v4mapped[1] : address;
  const family = net.isIPv6(addr) ? "ipv6" : "ipv4";
  if (!privateList.check(addr, family)) return null;
  if (allowed.check(addr, family)) return null;
  return `${addr} is a private, loopback or link-local address; list its network in PROMETHEUS_ALLOWED_NETWORKS to allow it`;
}

export class RefusedAddressError extends Error {
  code = "ERR_REFUSED_ADDRESS";
}

/** A `lookup` for http.request that resolves as usual and refuses addresses outside the rules. */
export function guardedLookup(allowed: net.BlockList): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error | null, a: string, f?: number) => void)(err, "", undefined);
      const list = addresses as dns.LookupAddress[];
      const refusals = list.map((a) => refusalFor(a.address, allowed));
      const ok = list.filter((_, i) => refusals[i] === null);
      if (ok.length === 0) {
        const error = new RefusedAddressError(refusals.find(Boolean) ?? `${hostname} did not resolve`);
        return (callback as (e: Error | null, a: string, f?: number) => void)(error, "", undefined);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, ok);
      (callback as (e: null, a: string, f: number) => void)(null, ok[0].address, ok[0].family);
    });
  };
}
