// The automatic action a sustained critical breach is counting down to ("auto-rollback in 12 s"): from the fixed
// deadline the server computed (actsAt, anchored on a bucket boundary, so it does not move between passes), the
// run's start and the episode not having acted yet. Pure.
import type { MetricSeries, ReleaseView } from "./types";

export interface PendingAutoAction {
  action: "rollback" | "pause";
  metric: string;
  label: string;
  /** When the guardrail acts (epoch ms); the server acts on its next evaluation at or after this. */
  dueAt: number;
}

type View = Pick<ReleaseView, "status" | "alerts" | "startedAt">;

export function pendingAutoAction(view: View, metrics: readonly MetricSeries[]): PendingAutoAction | null {
  if (view.status !== "running" && view.status !== "paused") return null;
  const runStart = view.startedAt ? new Date(view.startedAt).getTime() : 0;
  let best: PendingAutoAction | null = null;
  for (const m of metrics) {
    const g = m.guardrail;
    if (!g || m.level !== "critical" || m.criticalSince == null) continue;
    const action = g.onCritical;
    if (action !== "rollback" && action !== "pause") continue;
    // A paused release is not paused again; a rollback still applies.
    if (action === "pause" && view.status === "paused") continue;
    const alert = view.alerts.find((a) => a.metric === m.metric && a.level === "critical");
    if (!alert || alert.actedAt) continue;
    // The summary is computed without the run's start; the server counts the breach only inside the run.
    const dueAt = m.actsAt != null ? Math.max(m.actsAt, runStart + g.forSeconds * 1000) : Math.max(m.criticalSince, runStart) + g.forSeconds * 1000;
    const candidate: PendingAutoAction = { action, metric: m.metric, label: m.label, dueAt };
    // The soonest action is the one that will happen; on a tie the stronger one, and between equals the plan's first
    // guardrail, which is the one the server's watch pass acts on.
    if (!best || dueAt < best.dueAt || (dueAt === best.dueAt && action === "rollback" && best.action !== "rollback")) best = candidate;
  }
  return best;
}
