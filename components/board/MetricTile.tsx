// One guardrail metric: the value its guardrail judges (relative to baseline for relative guardrails, with the
// absolute canary value beside it), the labelled change against the previous window, and both levels in full.
import { formatDelta, formatMetric, formatRelativeChange, guardrailLevels } from "@/lib/guardrails/client/metric-units";
import type { MetricSeries } from "@/lib/releases/client/types";
import { LEVEL, LevelChip } from "../ui/LevelChip";

export function MetricTile({ series: m }: { series: MetricSeries }) {
  const delta = formatDelta(m.current, m.previous, m.unit);
  const edge = (LEVEL[m.level] ?? LEVEL.inconclusive).edge;
  const relative = !!m.guardrail?.relativeTo;
  const baseline = m.points.length ? m.points[m.points.length - 1].baseline : null;
  return (
    <div
      data-testid="metric-tile"
      data-metric={m.metric}
      data-level={m.level}
      data-relative={relative ? "true" : undefined}
      className={`flex min-w-0 flex-col gap-1 rounded-md border border-l-4 border-y-zinc-200 border-r-zinc-200 bg-white p-3 dark:border-y-zinc-800 dark:border-r-zinc-800 dark:bg-zinc-900 ${edge}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
        <span className="min-w-0 text-sm font-medium break-words text-zinc-700 dark:text-zinc-300">{m.label}</span>
        <LevelChip level={m.level} />
      </div>
      {relative ? (
        <div className="flex flex-wrap items-baseline gap-x-2">
          <span data-testid="tile-value" className="text-xl font-bold tabular-nums sm:text-2xl">
            {formatRelativeChange(m.observed)}
          </span>
          <span className="text-xs font-semibold text-zinc-600 dark:text-zinc-300">vs baseline</span>
          <span className="basis-full text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            canary {formatMetric(m.current, m.unit)}
            {baseline !== null ? ` · baseline ${formatMetric(baseline, m.unit)}` : ""}
          </span>
        </div>
      ) : (
        <span data-testid="tile-value" className="text-xl font-bold tabular-nums sm:text-2xl">
          {formatMetric(m.current, m.unit)}
        </span>
      )}
      {m.verdict ? (
        <p data-testid="tile-verdict" className="text-xs break-words text-zinc-700 tabular-nums dark:text-zinc-200" title="The statistical judge: canary minus baseline since the wave began">
          {m.verdict}
        </p>
      ) : null}
      <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400" title="The canary's value now against one window earlier">
        {delta ? `${delta} vs previous window` : "\u00a0"}
      </span>
      {m.guardrail ? (
        <ul className="mt-0.5 flex flex-col text-xs tabular-nums" aria-label="Guardrail levels">
          {guardrailLevels(m.guardrail, m.unit).map((l) => (
            <li
              key={l.level}
              data-testid={`tile-${l.level}`}
              className={`break-words ${l.level === "critical" ? "font-semibold text-red-800 dark:text-red-300" : "text-amber-800 dark:text-amber-300"}`}
            >
              {l.level === "critical" ? "Critical" : "Warning"} {l.text}
            </li>
          ))}
        </ul>
      ) : (
        <span className="text-xs text-zinc-500 dark:text-zinc-400">No guardrail</span>
      )}
    </div>
  );
}
