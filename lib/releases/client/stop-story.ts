// Why a release stopped, read from its audit trail: for a rolled-back or paused release, who stopped it, when, from
// which wave, the written reason or the guardrail's evidence, and what comes next. Pure; screens render it.
import type { EventView, ReleaseView } from "./types";
import { typed, type EventDataOf } from "../core/events";

export interface StopStory {
  kind: "rolled_back" | "paused";
  /** 1-based wave the release was in when it stopped. */
  wave: number;
  waveCount: number;
  waveName: string | null;
  /** Traffic on the new version just before the stop. */
  fromTraffic: number | null;
  at: string | null;
  actor: string | null;
  automatic: boolean;
  metric: string | null;
  /** The commander's typed reason, or the guardrail's evidence (the measured values), as the log holds it. */
  reason: string | null;
  /** What the person reading this can do next, in one sentence. */
  next: string;
}

type View = Pick<ReleaseView, "status" | "currentWaveIndex" | "waves" | "trafficPercent" | "breachGate" | "run">;

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function stopStory(view: View, events: readonly EventView[]): StopStory | null {
  if (view.status !== "rolled_back" && view.status !== "paused") return null;
  const kind = view.status;
  let stop: EventView | undefined;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i].type === kind) {
      stop = events[i];
      break;
    }
    // A newer run began after it: that stop belongs to an earlier run.
    if (events[i].type === "retried" || events[i].type === "started") break;
  }
  const before = (stop?.before ?? null) as { currentWaveIndex?: number; trafficPercent?: number } | null;
  const waveIndex = num(before?.currentWaveIndex) ?? view.currentWaveIndex;
  // The stop's data read against its schema; an unreadable one tells nothing beyond its actor and snapshot.
  const read = stop ? typed(stop) : null;
  const none: EventDataOf<"paused"> = {};
  const data = read?.type === "rolled_back" || read?.type === "paused" ? read.data : none;
  const automatic = data.automatic === true || stop?.actor === "guardrail";
  const wave = waveIndex + 1;
  const blockers = view.breachGate.unmet.length;
  const next =
    kind === "rolled_back"
      ? `No traffic reaches the new version. Next: find and fix the cause, then a commander can RETRY from wave 1${
          blockers ? ` (it waits for ${blockers} open critical breach${blockers === 1 ? "" : "es"} to close)` : ""
        }.`
      : `Traffic is held at ${view.trafficPercent}% and the bake clock keeps running. Next: a commander RESUMES once the cause is understood, or ROLLS BACK.`;
  return {
    kind,
    wave,
    waveCount: view.waves.length,
    waveName: view.waves[waveIndex]?.name ?? null,
    fromTraffic: (read?.type === "rolled_back" ? read.data.fromTraffic : null) ?? num(before?.trafficPercent),
    at: stop?.at ?? null,
    actor: stop?.actor ?? null,
    automatic,
    metric: data.metric ?? null,
    reason: stop?.reason ?? null,
    next,
  };
}

/** "Rolled back from wave 4/4" / "Paused in wave 2/4": the headline the wall screen and the board show. */
export function stopHeadline(s: StopStory): string {
  const who = s.automatic ? `by the ${s.metric ?? ""} guardrail`.replace("  ", " ") : s.actor ? `by ${s.actor}` : "";
  // A wave called "Wave 2" needs no name after "wave 2/4".
  const named = s.waveName && s.waveName.toLowerCase() !== `wave ${s.wave}` ? ` "${s.waveName}"` : "";
  return `${s.kind === "rolled_back" ? "Rolled back from" : "Paused in"} wave ${s.wave}/${s.waveCount}${named}${
    who ? ` ${who}` : ""
  }`;
}
