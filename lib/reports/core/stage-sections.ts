// Issue 25: the report's one section per stage: when it opened and by whom, its approvals, how it ended, its soak,
// and what paused promotion after it. Pure; read from the typed event log.
import type { Plan } from "../../plans/core/plan";
import type { StoredEvent } from "../../releases/core/events";

/** The report's events (build-report's ReportEvent), as far as this section reads them. */
type ReportEvent = { actor: string; reason: string | null; at: string } & StoredEvent;

export interface StageSection {
  key: string;
  name: string;
  environment: string;
  soakSeconds: number;
  openedAt: string | null;
  openedBy: string | null;
  /** True when the schedule opened it (autoPromote). */
  automatic: boolean;
  overridden: boolean;
  completedAt: string | null;
  rolledBackAt: string | null;
  approvals: { by: string; role: string; at: string; comment: string | null }[];
  /** Rollbacks of this stage that paused promotion after it, with the stages a person was asked about. */
  promotionPaused: { at: string; by: string; paused: string[]; upstream: string[]; rollbackUpstream: string }[];
  waves: number;
}

const trackOf = (e: ReportEvent): string | undefined => (e.type !== "unreadable" ? ((e.data as { track?: string }).track ?? undefined) : undefined);

export function stageSections(plan: Plan, events: readonly ReportEvent[]): StageSection[] {
  return (plan.tracks ?? [])
    .filter((t) => t.environment)
    .map((t) => {
      const mine = events.filter((e) => trackOf(e) === t.key);
      const started = [...mine].reverse().find((e) => e.type === "started" || e.type === "retried");
      const completed = [...mine].reverse().find((e) => e.type === "completed");
      const rolled = [...mine].reverse().find((e) => e.type === "rolled_back");
      return {
        key: t.key,
        name: t.name,
        environment: t.environment!,
        soakSeconds: t.soakSeconds ?? 0,
        openedAt: started?.at ?? null,
        openedBy: started?.actor ?? null,
        automatic: started?.actor === "schedule",
        overridden: mine.some((e) => e.type === "override" && e.data.action === "start"),
        completedAt: completed?.at ?? null,
        rolledBackAt: rolled?.at ?? null,
        approvals: events.flatMap((e) => (e.type === "promotion_approved" && e.data.stage === t.key ? [{ by: e.actor, role: e.data.role, at: e.at, comment: e.reason }] : [])),
        promotionPaused: events.flatMap((e) =>
          e.type === "promotion_paused" && e.data.stage === t.key ? [{ at: e.at, by: e.actor, paused: e.data.paused, upstream: e.data.upstream, rollbackUpstream: e.data.rollbackUpstream }] : [],
        ),
        waves: t.kind === "step" ? 1 : (t.waves?.length ?? 0),
      };
    });
}
