// The automatic action a sustained critical breach is counting down to ("auto-rollback in 12 s"): from the window's
// critical-since time, the guardrail's forSeconds and the episode not having acted yet. Pure.
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
    const dueAt = Math.max(m.criticalSince, runStart) + g.forSeconds * 1000;
    const candidate: PendingAutoAction = { action, metric: m.metric, label: m.label, dueAt };
    // The soonest action is the one that will happen; on a tie the stronger one.
    if (!best || dueAt < best.dueAt || (dueAt === best.dueAt && action === "rollback")) best = candidate;
  }
  return best;
}
