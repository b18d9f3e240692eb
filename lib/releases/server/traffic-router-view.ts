// Issue 24: what the board and the gates see of a release's traffic router (the row the leader's traffic job keeps).
import "server-only";
import type { TrafficRouterStatus } from "../core/gates";
import { observedOver, shareOf, type CounterSample } from "../../traffic/core";
import type { LoadedRelease } from "./load-release";

const OBSERVED_WINDOW_MS = 60_000;
/** Counters older than this are not "the last minute" any more (the watch stopped or the router went quiet). */
const STALE_MS = 15_000;

/** For the gates: "applied" only when the router confirmed the share the release is at now. */
export function trafficRouterStatus(loaded: LoadedRelease): TrafficRouterStatus | undefined {
  const choice = loaded.plan.traffic;
  if (!choice || loaded.plan.tracks?.length) return undefined;
  const row = loaded.trafficRouter;
  const asked = loaded.state.trafficPercent;
  if (!row || row.desiredPercent !== asked) return { router: choice.router, status: "pending", askedPercent: asked, detail: null };
  return { router: row.router, status: row.status as TrafficRouterStatus["status"], askedPercent: asked, detail: row.detail };
}

export function trafficRouterView(loaded: LoadedRelease, now: Date) {
  const choice = loaded.plan.traffic;
  if (!choice || loaded.plan.tracks?.length) return null;
  const row = loaded.trafficRouter;
  const status = trafficRouterStatus(loaded)!;
  /** The row is about the share the release is at now (not the previous one, before the job has taken the change in). */
  const current = row !== null && row.desiredPercent === status.askedPercent;
  const set = row?.setStable != null && row.setCanary != null ? { stable: row.setStable, canary: row.setCanary } : null;
  const readBack = row?.readStable != null && row.readCanary != null ? { stable: row.readStable, canary: row.readCanary } : null;
  const setPercent = set ? round4(shareOf(set)) : null;
  let samples: CounterSample[] = [];
  try {
    samples = row?.samplesJson ? (JSON.parse(row.samplesJson) as CounterSample[]) : [];
  } catch {}
  const fresh = samples.length > 0 && samples.at(-1)![0] >= now.getTime() - STALE_MS;
  const observed = fresh ? observedOver(samples, now.getTime(), OBSERVED_WINDOW_MS) : null;
  return {
    router: choice.router,
    kind: row?.kind ?? null,
    overrides: Object.fromEntries(Object.entries(choice).filter(([k]) => k !== "router")),
    status: status.status,
    /** The share the release is at, and the share the weights Tidegate set give (not equal where the scale cannot say it). */
    askedPercent: status.askedPercent,
    setPercent,
    exact: setPercent === null || Math.abs(setPercent - (row?.desiredPercent ?? status.askedPercent)) < 1e-6,
    weights: set,
    readBack,
    detail: current ? row.detail : null,
    attempts: current ? row.attempts : 0,
    retrying: status.status === "unconfirmed",
    nextAttemptAt: current ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    confirmedAt: row?.confirmedAt?.toISOString() ?? null,
    readAt: row?.readAt?.toISOString() ?? null,
    cause: current ? row.desiredCause : null,
    observed: observed && { ...observed, canaryPercent: observed.canaryPercent === null ? null : round4(observed.canaryPercent) },
    /** Who decides after drift: the commander (the event names them). */
    decide: status.status === "drift" ? (loaded.row.commander ? `the commander, ${loaded.row.commander}` : "the release's commander") : null,
  };
}

export type TrafficRouterView = NonNullable<ReturnType<typeof trafficRouterView>>;

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;
