// The plan's schedule on one cumulative time axis from START: each wave's bake as a bar, its decision deadline as a
// tick, automatic promotion, and hypercare after the last wave. Earliest times: a person may take longer.
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/releases/core/gates";
import type { Plan } from "@/lib/plans/core/plan";
import { planTimeline } from "@/lib/releases/core/plan-timeline";

const muted = "text-zinc-500 dark:text-zinc-400";
const at = (seconds: number) => (seconds === 0 ? "START" : `+${formatDuration(seconds)}`);

export function PlanTimeline({ plan }: { plan: Plan }) {
  const t = planTimeline(plan);
  const deadlines = t.waves.map((w) => w.deadlineSeconds ?? 0);
  const span = Math.max(t.earliestEndSeconds, ...deadlines);
  if (span === 0) {
    return (
      <p data-testid="plan-timeline" className={`text-xs ${muted}`}>
        No bake times or deadlines: each wave may be continued as soon as its gates open.
      </p>
    );
  }
  const pct = (seconds: number) => `${(seconds / span) * 100}%`;
  return (
    <section aria-label="Schedule" data-testid="plan-timeline" className="flex flex-col gap-2">
      <p className="text-xs">
        Completes <strong data-testid="timeline-earliest">{formatDuration(t.earliestEndSeconds)}</strong> after START at the earliest
        {t.latestEndSeconds !== null ? (
          <span className={muted}>, {formatDuration(t.latestEndSeconds)} if every decision waits for its deadline</span>
        ) : null}
        .
      </p>
      <ol className="flex flex-col gap-2">
        {t.waves.map((w) => (
          <li key={w.index} data-testid="timeline-wave" className="flex flex-col gap-0.5">
            <div className="flex items-baseline justify-between gap-2 text-xs">
              <span className="min-w-0 truncate font-semibold">
                {w.index + 1}. {w.name} <span className="tabular-nums">{w.trafficPercent}%</span>
                {w.unit ? <span className={`font-normal ${muted}`}> of {w.unit}</span> : null}
              </span>
              <span className={`shrink-0 tabular-nums ${muted}`}>{at(w.startSeconds)}</span>
            </div>
            <Track>
              <div
                className="absolute inset-y-0 min-w-0.5 rounded bg-sky-600 dark:bg-sky-400"
                style={{ left: pct(w.startSeconds), width: pct(w.bakeEndSeconds - w.startSeconds) }}
                title={`Bake ${formatDuration(w.bakeEndSeconds - w.startSeconds)}`}
              />
              {w.deadlineSeconds !== null ? (
                <div
                  className="absolute -inset-y-0.5 w-0.5 bg-amber-600 dark:bg-amber-400"
                  style={{ left: `min(${pct(w.deadlineSeconds)}, calc(100% - 2px))` }}
                  title={`Decision due ${at(w.deadlineSeconds)}`}
                />
              ) : null}
            </Track>
            <p className={`flex flex-wrap gap-x-3 text-[11px] ${muted}`}>
              <span>bake {w.bakeEndSeconds > w.startSeconds ? formatDuration(w.bakeEndSeconds - w.startSeconds) : "none"}</span>
              {w.deadlineSeconds !== null ? (
                <span className={w.deadlineBeforeBakeEnd ? "font-semibold text-amber-800 dark:text-amber-300" : ""} data-testid="timeline-deadline">
                  decide by {at(w.deadlineSeconds)}
                  {w.deadlineBeforeBakeEnd ? " (before the bake ends: the alert comes first)" : ""}
                </span>
              ) : null}
              {w.autoContinue ? <span className="text-sky-800 dark:text-sky-300">continues on its own when gates are open</span> : null}
            </p>
          </li>
        ))}
        {t.hypercare ? (
          <li data-testid="timeline-hypercare" className="flex flex-col gap-0.5">
            <div className="flex items-baseline justify-between gap-2 text-xs">
              <span className="font-semibold">Hypercare at 100%</span>
              <span className={`tabular-nums ${muted}`}>{at(t.hypercare.startSeconds)}</span>
            </div>
            <Track>
              <div
                className="absolute inset-y-0 min-w-0.5 rounded bg-violet-600 dark:bg-violet-400"
                style={{ left: pct(t.hypercare.startSeconds), width: pct(t.hypercare.endSeconds - t.hypercare.startSeconds) }}
              />
            </Track>
            <p className={`text-[11px] ${muted}`}>observe {formatDuration(t.hypercare.endSeconds - t.hypercare.startSeconds)}, then completed</p>
          </li>
        ) : null}
      </ol>
      <div className={`flex justify-between text-[10px] tabular-nums ${muted}`} aria-hidden="true">
        <span>START</span>
        <span>{at(span / 2)}</span>
        <span>{at(span)}</span>
      </div>
    </section>
  );
}

function Track({ children }: { children: ReactNode }) {
  return <div className="relative h-2.5 rounded bg-zinc-100 dark:bg-zinc-800">{children}</div>;
}
