// The one seam every traffic router (HAProxy, Gateway API HTTPRoute, ...) implements. The release machine never
// learns a router's protocol: it asks for a canary share, and reads back what the router really serves.

/** Weights in the router's own units (HAProxy 0-256 per server, Gateway API backendRef weights up to 1,000,000). */
export interface RouterWeights {
  stable: number;
  canary: number;
}

/** What a router says it serves now: the weights, and whether the router has confirmed it applies them. */
export interface RouterReadBack {
  weights: RouterWeights;
  /** The canary's share of the weights, in percent (0-100). */
  canaryPercent: number;
  /**
   * True when the router serves these weights (HAProxy: always once read; Gateway API: the route's status shows
   * Accepted and ResolvedRefs true for the current observedGeneration).
   */
  confirmed: boolean;
  /** Why not confirmed, in words a commander can act on ("route status Accepted=False: NotAllowedByListeners"). */
  detail?: string;
}

/** Requests (or sessions) served by each side since the router started counting: cumulative counters. */
export interface RouterCounters {
  stable: number;
  canary: number;
  /** When the counters were read (ms since epoch), so two readings give a rate. */
  at: number;
}

export interface TrafficRouter {
  /** "haproxy" | "gatewayApi": shown on /admin and the board. */
  readonly kind: string;
  /** Writes the two weights (one write; a rollback is `setWeights({ stable: 1, canary: 0 })` in the router's units). */
  setWeights(weights: RouterWeights): Promise<void>;
  /** Reads the weights the router holds now. */
  readWeights(): Promise<RouterReadBack>;
  /** Cumulative served counters, or null when the router cannot count (then the board shows "not observed"). */
  observedSplit(): Promise<RouterCounters | null>;
  /** The largest weight one side may hold: 256 for HAProxy, 1,000,000 for Gateway API. */
  readonly maxWeight: number;
  close(): Promise<void>;
}

/** A router's refusal or unreachability, as the board shows it (`traffic_unconfirmed`). */
export class RouterError extends Error {
  constructor(
    message: string,
    readonly code: "unreachable" | "refused" | "conflict" | "invalid",
  ) {
    super(message);
    this.name = "RouterError";
  }
}
