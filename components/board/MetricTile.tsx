// One guardrail metric: value now, change against the previous window, and its level in words.
import { describeGuardrail, formatDelta, formatMetric } from "@/lib/client/metric-units";
import type { MetricSeries } from "@/lib/client/types";
import { LEVEL, LevelChip } from "../ui/LevelChip";

export function MetricTile({ series: m }: { series: MetricSeries }) {
  const delta = formatDelta(m.current, m.previous, m.unit);
  const edge = (LEVEL[m.level] ?? LEVEL.inconclusive).edge;
  return (
    <div
      data-testid="metric-tile"
      data-metric={m.metric}
      data-level={m.level}
      className={`flex min-w-0 flex-col gap-1 rounded-md border border-l-4 border-y-zinc-200 border-r-zinc-200 bg-white p-3 dark:border-y-zinc-800 dark:border-r-zinc-800 dark:bg-zinc-900 ${edge}`}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="truncate text-sm font-medium text-zinc-700 dark:text-zinc-300">{m.label}</span>
        <LevelChip level={m.level} />
      </div>
      <div className="flex flex-wrap items-baseline gap-x-2">
        <span className="text-xl font-bold tabular-nums sm:text-2xl">{formatMetric(m.current, m.unit)}</span>
        <span className="min-w-[8ch] text-sm text-zinc-500 tabular-nums dark:text-zinc-400" title="Change against the previous window">
          {delta ? `[${delta}]` : ""}
        </span>
      </div>
      <div className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={m.guardrail ? describeGuardrail(m.guardrail, m.unit) : undefined}>
        {m.guardrail ? describeGuardrail(m.guardrail, m.unit) : "No guardrail"}
      </div>
    </div>
  );
}
