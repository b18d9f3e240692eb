// What the plan will do, read back from the checked plan (defaults filled in): the release, its plan-level guardrails,
// the schedule on a cumulative time axis, and every wave with its traffic, bake time, deadline, checklist and sign-offs.
import { formatDuration } from "@/lib/releases/core/gates";
import type { Guardrail, Plan } from "@/lib/plans/core/plan";
import { PlanTimeline } from "./PlanTimeline";

/** The critical level and its action; relative thresholds are fractions of change (1.0 = +100% over baseline). */
function guardrailText(g: Guardrail): string {
  const level =
    g.relativeTo === "baseline" ? `${g.critical >= 0 ? "+" : ""}${Math.round(g.critical * 1000) / 10}% vs baseline` : String(g.critical);
  return `${g.metric} ${g.comparator} ${level} → ${g.onCritical}`;
}

const muted = "text-zinc-500 dark:text-zinc-400";

export function WavePreview({ plan }: { plan: Plan }) {
  const pre = plan.preChecklist;
  return (
    <div data-testid="wave-preview" className="flex flex-col gap-3">
      <div className="min-w-0">
        <p className="truncate font-semibold" data-testid="preview-name">
          {plan.name}
        </p>
        <p className={`truncate text-xs ${muted}`}>
          {plan.service} <span className="font-mono">{plan.version}</span>
        </p>
        {plan.description ? <p className={`mt-1 line-clamp-2 text-xs ${muted}`}>{plan.description}</p> : null}
      </div>

      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className={muted}>Before start</dt>
        <dd>
          {pre.length === 0 ? "no checklist" : `${pre.length} checklist item${pre.length === 1 ? "" : "s"}`}
          {countOptional(pre) ? <span className={muted}> ({countOptional(pre)} optional)</span> : null}
        </dd>
        <dt className={muted}>Guardrails</dt>
        <dd className="min-w-0">
          {plan.guardrails.length === 0 ? (
            "none on every wave"
          ) : (
            <ul className="flex flex-wrap gap-1">
              {plan.guardrails.map((g) => (
                <li key={g.metric} className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-zinc-800" title={`forSeconds ${g.forSeconds}, windowSeconds ${g.windowSeconds}`}>
                  {guardrailText(g)}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>

      <div className="flex flex-col gap-1.5">
        <h3 className={`text-xs font-semibold ${muted}`}>Schedule</h3>
        <PlanTimeline plan={plan} />
      </div>

      <ol className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {plan.waves.map((w, i) => (
          <li key={i} data-testid="wave-preview-row" className="flex flex-col gap-1.5 px-3 py-2">
            <div className="flex items-baseline gap-2">
              <span className={`w-5 shrink-0 text-xs font-semibold tabular-nums ${muted}`}>{i + 1}</span>
              <span className="min-w-0 flex-1 truncate text-sm font-semibold">{w.name}</span>
              <span className="text-sm font-semibold tabular-nums">{w.trafficPercent}%</span>
            </div>
            <div
              className="ml-7 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
              role="img"
              aria-label={`${w.trafficPercent}% of traffic`}
            >
              <div className="h-full rounded-full bg-sky-600 dark:bg-sky-400" style={{ width: `${w.trafficPercent}%` }} />
            </div>
            <dl className="ml-7 flex flex-wrap gap-x-4 gap-y-0.5 text-xs">
              {w.audience ? <Fact label="Audience" value={w.audience} /> : null}
              <Fact label="Bake" value={w.bakeSeconds > 0 ? formatDuration(w.bakeSeconds) : "none"} />
              {w.maxSeconds !== undefined ? <Fact label="Decide within" value={formatDuration(w.maxSeconds)} /> : null}
              {w.autoContinue ? <Fact label="Continues" value="on its own" /> : null}
              <Fact
                label="Checklist"
                value={
                  w.checklist.length === 0
                    ? "none"
                    : `${w.checklist.length}${countOptional(w.checklist) ? ` (${countOptional(w.checklist)} optional)` : ""}`
                }
              />
              <Fact label="Sign-offs" value={w.signoffs.length ? w.signoffs.join(", ") : "none"} />
              {w.guardrails.length ? <Fact label="Own guardrails" value={w.guardrails.map((g) => g.metric).join(", ")} /> : null}
            </dl>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex min-w-0 gap-1">
      <dt className={`whitespace-nowrap ${muted}`}>{label}</dt>
      <dd className="min-w-0 break-words text-zinc-800 dark:text-zinc-200">{value}</dd>
    </div>
  );
}

function countOptional(items: { required: boolean }[]): number {
  return items.filter((i) => !i.required).length;
}
