// HAProxy 2.6 runtime API answers, parsed (management.txt: "show servers state", "show stat", "get weight").
// Pure: the socket lives in runtime-api.ts.
import "server-only";

export interface ServerState {
  backend: string;
  server: string;
  /** srv_uweight: the weight the runtime API set (0-256). */
  weight: number;
  /** srv_iweight: the weight in the configuration file. */
  initialWeight: number;
  /** srv_op_state: 0 stopped, 1 starting, 2 running, 3 stopping. */
  opState: number;
  /** srv_admin_state: a mask; 0x01/0x02/0x04/0x20 maintenance, 0x08/0x10 drain. */
  adminState: number;
}

/**
 * `show servers state [<backend>]`: line 1 the format version ("1"), line 2 the column headers after "#", then one
 * space-separated line per server. Columns are found by their header names, so a later version's extra columns pass.
 */
export function parseServersState(text: string): ServerState[] {
  const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
  const version = lines[0];
  if (version !== "1") throw new Error(`show servers state: unknown format version "${(version ?? "").slice(0, 40)}"`);
  const header = lines.find((l) => l.startsWith("#"));
  if (!header) throw new Error("show servers state: no column header line");
  const columns = header.replace(/^#\s*/, "").split(/\s+/);
  const at = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`show servers state: no "${name}" column`);
    return i;
  };
  const [be, srv, uw, iw, op, admin] = [at("be_name"), at("srv_name"), at("srv_uweight"), at("srv_iweight"), at("srv_op_state"), at("srv_admin_state")];
  return lines
    .slice(1)
    .filter((l) => !l.startsWith("#"))
    .map((l) => {
      const f = l.split(/\s+/);
      return {
        backend: f[be],
        server: f[srv],
        weight: Number(f[uw]),
        initialWeight: Number(f[iw]),
        opState: Number(f[op]),
        adminState: Number(f[admin]),
      };
    });
}

export interface ServerStat {
  proxy: string;
  server: string;
  /** stot: cumulative sessions (in HTTP mode one per request the server was given). */
  sessions: number;
  /** lbtot: times the load balancer selected the server. */
  selected: number;
  status: string;
  weight: number;
}

/** `show stat` CSV: a "# pxname,svname,..." header, one row per frontend/backend/server; FRONTEND/BACKEND rows skipped. */
export function parseShowStat(text: string): ServerStat[] {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const header = lines.find((l) => l.startsWith("#"));
  if (!header) throw new Error("show stat: no header line");
  const columns = header.replace(/^#\s*/, "").split(",");
  const at = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`show stat: no "${name}" column`);
    return i;
  };
  const [px, sv, stot, lbtot, status, weight] = [at("pxname"), at("svname"), at("stot"), at("lbtot"), at("status"), at("weight")];
  return lines
    .filter((l) => !l.startsWith("#"))
    .map((l) => l.split(","))
    .filter((f) => f[sv] !== "FRONTEND" && f[sv] !== "BACKEND")
    .map((f) => ({
      proxy: f[px],
      server: f[sv],
      sessions: Number(f[stot] || 0),
      selected: Number(f[lbtot] || 0),
      status: f[status],
      weight: Number(f[weight] || 0),
    }));
}

/** `get weight <backend>/<server>`: "128 (initial 1)". */
export function parseGetWeight(text: string): { weight: number; initial: number } {
  const m = /^(\d+) \(initial (\d+)\)/.exec(text.trim());
  if (!m) throw new Error(`get weight: unexpected answer "${text.trim().slice(0, 120)}"`);
  return { weight: Number(m[1]), initial: Number(m[2]) };
}

/**
 * The runtime API answers a successful `set server ... weight` with nothing; anything else is its refusal ("No such
 * server.", "Backend is using a static LB algorithm and only accepts weights '0%' and '100%'.", "Permission denied").
 */
export function refusalOf(answer: string): string | null {
  const text = answer.trim();
  return text === "" ? null : text.replace(/\s+/g, " ").slice(0, 300);
}

/** Commands for one write, in an order that never leaves both weights at 0: the side that rises goes first. */
export function weightCommands(backend: string, stableServer: string, canaryServer: string, now: { stable: number; canary: number }, before?: { stable: number; canary: number }): string[] {
  const stable = `set server ${backend}/${stableServer} weight ${now.stable}`;
  const canary = `set server ${backend}/${canaryServer} weight ${now.canary}`;
  const canaryRises = before ? now.canary > before.canary : now.canary >= now.stable;
  return canaryRises ? [canary, stable] : [stable, canary];
}
