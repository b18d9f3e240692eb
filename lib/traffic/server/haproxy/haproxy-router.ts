// HAProxy as a traffic router: the stable and canary servers of one backend, their weights (0-256) set and read
// through the runtime API, and their cumulative session counters as the observed split.
import "server-only";
import { RouterError, shareOf, type RouterCounters, type RouterReadBack, type RouterWeights, type TrafficRouter } from "../../core";
import type { HaproxyRouterConfig } from "../routers-config";
import { parseServersState, parseShowStat, refusalOf, weightCommands } from "./runtime-answers";
import { runtimeApiCall } from "./runtime-api";

/** HAProxy accepts absolute weights 0-256 per server (management.txt, "set weight"). */
export const HAPROXY_MAX_WEIGHT = 256;
const DEFAULT_TIMEOUT_MS = 2_000;

export function createHaproxyRouter(config: HaproxyRouterConfig, options: { now?: () => number } = {}): TrafficRouter {
  const address = { runtimeApi: config.runtimeApi, timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const now = options.now ?? Date.now;
  const where = `${config.backend}/{${config.stableServer},${config.canaryServer}} at ${config.runtimeApi}`;
  let last: RouterWeights | undefined;

  async function readServers() {
    const answer = await runtimeApiCall(address, [`show servers state ${config.backend}`]);
    let servers: ReturnType<typeof parseServersState>;
    try {
      servers = parseServersState(answer);
    } catch (e) {
      throw new RouterError(`HAProxy ${where}: ${refusalOf(answer) ?? (e as Error).message}`, "refused");
    }
    const stable = servers.find((s) => s.backend === config.backend && s.server === config.stableServer);
    const canary = servers.find((s) => s.backend === config.backend && s.server === config.canaryServer);
    if (!stable || !canary) {
      const missing = [!stable && config.stableServer, !canary && config.canaryServer].filter(Boolean).join(" and ");
      throw new RouterError(`HAProxy backend "${config.backend}" has no server ${missing}`, "invalid");
    }
    return { stable, canary };
  }

  return {
    kind: "haproxy",
    maxWeight: HAPROXY_MAX_WEIGHT,
    async setWeights(weights) {
      for (const w of [weights.stable, weights.canary]) {
        if (!Number.isInteger(w) || w < 0 || w > HAPROXY_MAX_WEIGHT) throw new RouterError(`HAProxy weight ${w} is not an integer within 0-256`, "invalid");
      }
      const commands = weightCommands(config.backend, config.stableServer, config.canaryServer, weights, last);
      const answer = await runtimeApiCall(address, commands);
      const refusal = refusalOf(answer);
      if (refusal) throw new RouterError(`HAProxy refused ${commands.join("; ")}: ${refusal}`, "refused");
      last = weights;
    },
    async readWeights(): Promise<RouterReadBack> {
      const { stable, canary } = await readServers();
      const weights = { stable: stable.weight, canary: canary.weight };
      last = weights;
      // A server in maintenance or drain takes no new traffic whatever its weight: the weight is not what serves.
      const held = [stable, canary].filter((s) => (s.adminState & 0x3f) !== 0);
      return {
        weights,
        canaryPercent: shareOf(weights),
        confirmed: held.length === 0,
        detail: held.length ? `server ${held.map((s) => s.server).join(", ")} in maintenance or drain (admin state ${held.map((s) => s.adminState).join(", ")})` : undefined,
      };
    },
    async observedSplit(): Promise<RouterCounters | null> {
      const answer = await runtimeApiCall(address, [`show stat ${config.backend} 4 -1`]);
      let rows: ReturnType<typeof parseShowStat>;
      try {
        rows = parseShowStat(answer);
      } catch (e) {
        throw new RouterError(`HAProxy ${where}: ${refusalOf(answer) ?? (e as Error).message}`, "refused");
      }
      const stable = rows.find((r) => r.proxy === config.backend && r.server === config.stableServer);
      const canary = rows.find((r) => r.proxy === config.backend && r.server === config.canaryServer);
      if (!stable || !canary) return null;
      return { stable: stable.sessions, canary: canary.sessions, at: now() };
    },
    async close() {},
  };
}
