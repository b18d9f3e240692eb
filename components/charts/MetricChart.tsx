// One metric over the last hour: its name, level and legend, the plot, and the current value against its levels.
// The plot (recharts, the largest part of the board's JavaScript) loads after the page: the commander's buttons
// become usable without waiting for it, and its height is kept so nothing moves when it arrives.
"use client";
import dynamic from "next/dynamic";
import { formatMetric, guardrailLevels } from "@/lib/guardrails/client/metric-units";
import type { MetricSeries } from "@/lib/releases/client/types";
import { LevelChip } from "../ui/LevelChip";
import { type ChartMarker, PLOT_HEIGHT } from "./plot-shape";

export type { ChartMarker };

const MetricPlot = dynamic(() => import("./MetricPlot").then((m) => m.MetricPlot), {
  ssr: false,
  loading: () => <div aria-hidden="true" style={{ height: PLOT_HEIGHT }} />,
});

export function MetricChart({ series, markers }: { series: MetricSeries; markers: ChartMarker[] }) {
  return (
    <figure data-testid="metric-chart" data-metric={series.metric} className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-semibold">{series.label}</span>
        <LevelChip level={series.level} />
        <span className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <Legend kind="canary" label="Canary" />
          <Legend kind="baseline" label="Baseline" />
        </span>
      </figcaption>
      {series.points.length < 2 ? (
        <p className="flex h-[170px] items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">Waiting for data…</p>
      ) : (
        <MetricPlot series={series} markers={markers} />
      )}
      <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
        <span>Now {formatMetric(series.current, series.unit)}</span>
        {series.guardrail
          ? guardrailLevels(series.guardrail, series.unit).map((l) => (
              <span key={l.level} className={l.level === "critical" ? "font-semibold text-red-800 dark:text-red-300" : "text-amber-800 dark:text-amber-300"}>
                {l.level === "critical" ? "Critical" : "Warning"} {l.text}
              </span>
            ))
          : null}
      </p>
    </figure>
  );
}

function Legend({ kind, label }: { kind: "canary" | "baseline"; label: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <svg width="20" height="8" aria-hidden="true">
        {kind === "canary" ? (
          <line x1="1" y1="4" x2="19" y2="4" stroke="var(--chart-canary)" strokeWidth="2" />
        ) : (
          <line x1="3" y1="4" x2="17" y2="4" stroke="var(--chart-baseline)" strokeOpacity="0.45" strokeWidth="6" strokeLinecap="round" />
        )}
      </svg>
      {label}
    </span>
  );
}
