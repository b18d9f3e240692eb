// One metric over the last hour: canary against baseline, guardrail thresholds, wave boundaries.
// Animation is off so live pushes redraw in place instead of replaying a transition each time.
"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatClock } from "@/lib/client/format-time";
import { describeGuardrail, formatAxis, formatMetric } from "@/lib/client/metric-units";
import type { MetricSeries } from "@/lib/client/types";
import { LevelChip } from "../ui/LevelChip";

const HHMM = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

const tick = { fontSize: 11, fill: "var(--chart-axis)" };

export function MetricChart({ series, waveMarkers }: { series: MetricSeries; waveMarkers: { t: number; label: string }[] }) {
  // Relative guardrails are fractions of a moving baseline: there is no fixed line to draw.
  const g = series.guardrail && !series.guardrail.relativeTo ? series.guardrail : null;
  const first = series.points[0]?.t ?? 0;
  const markers = waveMarkers.filter((m) => m.t >= first);
  return (
    <figure data-testid="metric-chart" data-metric={series.metric} className="min-w-0 rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <figcaption className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="font-semibold">{series.label}</span>
        <LevelChip level={series.level} />
        <span className="ml-auto flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400">
          <Legend dash={false} color="var(--chart-canary)" label="Canary" />
          <Legend dash color="var(--chart-baseline)" label="Baseline" />
        </span>
      </figcaption>
      {series.points.length < 2 ? (
        <p className="flex h-[170px] items-center justify-center text-sm text-zinc-500 dark:text-zinc-400">Waiting for data…</p>
      ) : (
        <LineChart responsive style={{ width: "100%", height: 170 }} data={series.points} margin={{ top: 12, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(t: number) => HHMM.format(t)}
            tick={tick}
            stroke="var(--chart-grid)"
            minTickGap={24}
          />
          {/* From zero: every unit here is non-negative, and a zoomed-in axis turns noise into alarm. */}
          <YAxis width={48} tickFormatter={(v: number) => formatAxis(v, series.unit)} tick={tick} stroke="var(--chart-grid)" domain={[0, "auto"]} />
          <Tooltip
            isAnimationActive={false}
            labelFormatter={(t) => formatClock(Number(t))}
            formatter={(v, name) => [formatMetric(typeof v === "number" ? v : null, series.unit), name]}
            contentStyle={{ background: "var(--chart-tooltip-bg)", borderColor: "var(--chart-grid)", fontSize: 12 }}
          />
          {g?.warning !== undefined ? (
            <ReferenceLine
              y={g.warning}
              stroke="var(--chart-warning)"
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
              label={{ value: "warn", position: "insideTopRight", fontSize: 10, fill: "var(--chart-warning)" }}
            />
          ) : null}
          {g ? (
            <ReferenceLine
              y={g.critical}
              stroke="var(--chart-critical)"
              strokeDasharray="6 4"
              ifOverflow="extendDomain"
              label={{ value: "crit", position: "insideTopRight", fontSize: 10, fill: "var(--chart-critical)" }}
            />
          ) : null}
          {markers.map((m) => (
            <ReferenceLine
              key={`${m.t}-${m.label}`}
              x={m.t}
              stroke="var(--chart-marker)"
              strokeDasharray="2 3"
              label={{ value: m.label, position: "insideTopLeft", fontSize: 10, fill: "var(--chart-marker)" }}
            />
          ))}
          <Line
            type="monotone"
            dataKey="baseline"
            name="Baseline"
            stroke="var(--chart-baseline)"
            strokeWidth={1.5}
            strokeDasharray="5 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
          <Line type="monotone" dataKey="canary" name="Canary" stroke="var(--chart-canary)" strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
        </LineChart>
      )}
      <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400">
        Now {formatMetric(series.current, series.unit)}
        {series.guardrail ? ` · ${describeGuardrail(series.guardrail, series.unit)}` : ""}
      </p>
    </figure>
  );
}

function Legend({ color, label, dash }: { color: string; label: string; dash: boolean }) {
  return (
    <span className="inline-flex items-center gap-1">
      <svg width="18" height="6" aria-hidden="true">
        <line x1="0" y1="3" x2="18" y2="3" stroke={color} strokeWidth="2" strokeDasharray={dash ? "4 3" : undefined} />
      </svg>
      {label}
    </span>
  );
}
