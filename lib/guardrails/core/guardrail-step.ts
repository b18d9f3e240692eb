// What one guardrail watch pass does to a release, decided purely: alert transitions and their events, bound
// checklist items, and the automatic action through the same state machine as a person. An action counts as
// taken only when the machine accepts it; a refused action is logged once and the episode stays armed, so the
// guardrail acts again as soon as it can (for example right after a person resumes into a persisting breach).
import type { GateInputs } from "../../releases/core/gates";
import { typedEvent, type AuditEventType, type EventDataOf } from "../../releases/core/events";
import { decide, type DomainEvent, type DomainEventOf, type ReleaseState } from "../../releases/core/machine";
import type { Plan } from "../../plans/core/plan";
import { closeEpisodesAtRunEnd, type OpenAlert } from "./alerts";
import type { WatchResult } from "./watch";

export const GUARDRAIL_ACTOR = "guardrail";

export interface ChecklistItemInfo {
  text: string;
  waveIndex: number | null;
  ownerRole: string | null;
}

export interface GuardrailStepInput {
  plan: Plan;
  state: ReleaseState;
  run: number;
  gates: GateInputs;
  openAlerts: OpenAlert[];
  watch: WatchResult;
  checklistItem: (id: string) => ChecklistItemInfo;
  now: Date;
}

export interface AlertWrite {
  metric: string;
  /** The episode to store; null closes it. */
  next: OpenAlert | null;
  /** For a closed episode: how it stood when it closed (an episode opened and closed in one pass is still recorded). */
  closed?: OpenAlert;
  detail?: string;
}

export interface GuardrailStep {
  state?: ReleaseState;
  events: DomainEvent[];
  alerts: AlertWrite[];
  checklist: WatchResult["checklist"];
}

const guardrailEvent = <K extends AuditEventType>(type: K, reason: string | null, data: EventDataOf<K>, now: Date): DomainEventOf<K> => ({
  ...typedEvent(type, data),
  actor: GUARDRAIL_ACTOR,
  reason,
  at: now,
  before: null,
  after: null,
});

/** What the guardrail adds to the events of a command it gave: which metric made it act, and the evidence. */
type AutomaticMarks = Pick<EventDataOf<"paused">, "metric" | "automatic" | "evidence">;

/**
 * The guardrail commands only pause, roll back and step back, so its decisions carry only events whose schema has
 * the automatic fields; any other event (none today) passes unmarked rather than failing validation at write time.
 */
function markAutomatic(e: DomainEvent, marks: AutomaticMarks): DomainEvent {
  // One case per type: TypeScript keeps `data` tied to `type` only when each branch has a single member.
  switch (e.type) {
    case "paused":
      return { ...e, data: { ...e.data, ...marks } };
    case "rolled_back":
      return { ...e, data: { ...e.data, ...marks } };
    case "stepped_back":
      return { ...e, data: { ...e.data, ...marks } };
    default:
      return e;
  }
}

export function guardrailStep(input: GuardrailStepInput): GuardrailStep {
  const { plan, state, watch, now } = input;
  const events: DomainEvent[] = [];
  // Every episode as it stands after this pass, and which of them this pass must write.
  const episodes = new Map<string, OpenAlert | null>(input.openAlerts.map((a) => [a.metric, a]));
  const details = new Map<string, string | undefined>();
  const touched = new Set<string>();

  for (const change of watch.alerts) {
    episodes.set(change.metric, change.next);
    touched.add(change.metric);
    details.set(change.metric, change.events.at(-1)?.detail ?? change.detail);
    for (const e of change.events) {
      // A breach, escalation or inconclusive reading always leaves an episode open (change.next); the fallback names
      // the event's own level should that ever not hold, rather than writing a level the schema refuses.
      const level = "level" in e ? e.level : (change.next?.level ?? (e.type === "escalated" ? e.to : "inconclusive"));
      const evidence = change.evidence ? { evidence: change.evidence } : {};
      events.push(
        e.type === "recovery"
          ? guardrailEvent("recovery", e.detail, { metric: change.metric, level: change.previous?.level ?? null }, now)
          : guardrailEvent(e.type, e.detail, { metric: change.metric, level, ...evidence }, now),
      );
    }
  }
  for (const item of watch.checklist) {
    const info = input.checklistItem(item.id);
    events.push(
      guardrailEvent(
        "checklist_updated",
        item.detail,
        { itemId: item.id, text: info.text, waveIndex: info.waveIndex, ownerRole: info.ownerRole, from: item.from, to: item.to, evidenceUrl: null },
        now,
      ),
    );
  }

  const updateEpisode = (metric: string, patch: Partial<OpenAlert>) => {
    const current = episodes.get(metric);
    if (!current) return;
    episodes.set(metric, { ...current, ...patch });
    touched.add(metric);
  };

  let next: ReleaseState | undefined;
  if (watch.action) {
    const { type, metric, detail } = watch.action;
    const evidence = watch.action.evidence ? { evidence: watch.action.evidence } : {};
    if (type === "notify") {
      events.push(guardrailEvent("guardrail_notified", detail, { metric, ...evidence }, now));
      updateEpisode(metric, { actedAt: now.getTime(), actedAction: "notify" });
    } else {
      // A step-back rule in the first wave has no earlier wave to return to: the guardrail rolls back instead.
      const command = type === "step_back" && state.currentWaveIndex === 0 ? "rollback" : type;
      const decision = decide(plan, state, { type: command, actor: GUARDRAIL_ACTOR, reason: command === type ? detail : `${detail} (first wave: no earlier wave to step back to)` }, input.gates);
      if (decision.ok) {
        next = decision.state;
        events.push(...decision.events.map((e) => markAutomatic(e, { metric, automatic: true, ...evidence })));
        updateEpisode(metric, { actedAt: now.getTime(), actedAction: type, refusedAction: null });
      } else {
        const key = `${type}:${decision.refusal.code}`;
        if (episodes.get(metric)?.refusedAction !== key) {
          events.push(
            guardrailEvent(
              "guardrail_action_refused",
              `The guardrail could not ${type}: ${decision.refusal.message}. It stays armed and acts as soon as it can.`,
              { metric, action: type, refusal: { code: decision.refusal.code, message: decision.refusal.message }, ...evidence },
              now,
            ),
          );
          updateEpisode(metric, { refusedAction: key });
        }
      }
    }
  }

  const closed = new Map<string, OpenAlert>();
  if (next) {
    const closing = episodesClosedByRunEnd(state, next, [...episodes.values()].filter((a): a is OpenAlert => a !== null), input.run, now);
    events.push(...closing);
    for (const e of closing) {
      const metric = e.data.metric;
      closed.set(metric, episodes.get(metric)!);
      episodes.set(metric, null);
      touched.add(metric);
    }
  }

  const alerts = [...touched].map((metric) => ({ metric, next: episodes.get(metric) ?? null, closed: closed.get(metric), detail: details.get(metric) }));
  return { state: next, events, alerts, checklist: watch.checklist };
}

/** Rollback and completion end the run: its open episodes are closed with it, each with an event saying why. */
export function episodesClosedByRunEnd(
  previous: ReleaseState,
  next: ReleaseState,
  open: readonly Pick<OpenAlert, "metric" | "level">[],
  run: number,
  now: Date,
): DomainEventOf<"episode_closed">[] {
  const ended = (next.status === "rolled_back" || next.status === "completed") && previous.status !== next.status;
  if (!ended) return [];
  return closeEpisodesAtRunEnd(open, next.status as "rolled_back" | "completed", run).map((c) =>
    guardrailEvent("episode_closed", c.detail, { metric: c.metric, level: c.level, run: c.run, because: c.because }, now),
  );
}
