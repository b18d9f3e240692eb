// The plot of one metric chart (recharts): canary against baseline, guardrail thresholds, wave boundaries and stops.
// Its own file so the board can load recharts after the page is interactive (see MetricChart.tsx).
// Canary is a thin solid line, baseline a wide pale band under it, so the two stay apart even where they overlap.
// Labels never collide: warning is labelled inside on the left and critical on the right, each on the side of its
// line away from the other (for ">" critical above and warning below; for "<" the reverse), so even lines a few
// pixels apart keep readable labels; wave and stop markers are labelled above the plot
// with short names, thinned when close together and turned inward near the right edge.
// Animation is off so live pushes redraw in place instead of replaying a transition each time.
"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatClock } from "@/lib/platform/browser/format-time";
import { formatAxis, formatMetric } from "@/lib/guardrails/client/metric-units";
import type { MetricSeries } from "@/lib/releases/client/types";
import { type ChartMarker, PLOT_HEIGHT } from "./plot-shape";

const HHMM = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

const tick = { fontSize: 11, fill: "var(--chart-axis)" };
/** Markers closer than this share of the x range keep their line but drop their label. */
const MIN_LABEL_GAP = 0.14;

export function MetricPlot({ series, markers }: { series: MetricSeries; markers: ChartMarker[] }) {
  // Relative guardrails are fractions of a moving baseline: there is no fixed line to draw.
  const g = series.guardrail && !series.guardrail.relativeTo ? series.guardrail : null;
  const worseUp = !g || g.comparator.startsWith(">");
  const first = series.points[0]?.t ?? 0;
  const last = series.points[series.points.length - 1]?.t ?? first;
  const range = Math.max(1, last - first);
  const shown = markers.filter((m) => m.t >= first && m.t <= last + 60_000).sort((a, b) => a.t - b.t);
  let lastLabelled = -Infinity;
  const labelled = shown.map((m) => {
    const stop = m.kind !== "wave";
    const room = stop || (m.t - lastLabelled) / range >= MIN_LABEL_GAP;
    if (room) lastLabelled = m.t;
    return { ...m, showLabel: room, nearRight: (m.t - first) / range > 0.8 };
  });
  return (
    <LineChart responsive style={{ width: "100%", height: PLOT_HEIGHT }} data={series.points} margin={{ top: 20, right: 16, bottom: 0, left: 0 }}>
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
          label={{ value: `warning ${formatMetric(g.warning, series.unit)}`, position: worseUp ? "insideBottomLeft" : "insideTopLeft", fontSize: 10, fill: "var(--chart-warning)" }}
        />
      ) : null}
      {g ? (
        <ReferenceLine
          y={g.critical}
          stroke="var(--chart-critical)"
          strokeDasharray="6 4"
          ifOverflow="extendDomain"
          label={{ value: `critical ${formatMetric(g.critical, series.unit)}`, position: worseUp ? "insideTopRight" : "insideBottomRight", fontSize: 10, fill: "var(--chart-critical)" }}
        />
      ) : null}
      {labelled.map((m) => (
        <ReferenceLine
          key={`${m.kind}-${m.t}`}
          x={m.t}
          ifOverflow="extendDomain"
          stroke={m.kind === "rollback" ? "var(--chart-critical)" : m.kind === "pause" ? "var(--chart-warning)" : "var(--chart-marker)"}
          strokeWidth={m.kind === "wave" ? 1 : 2}
          strokeDasharray={m.kind === "wave" ? "2 3" : undefined}
          label={m.showLabel ? (props: { viewBox?: { x?: number; y?: number } }) => <MarkerLabel viewBox={props.viewBox} marker={m} /> : undefined}
        />
      ))}
      <Line
        type="monotone"
        dataKey="baseline"
        name="Baseline"
        stroke="var(--chart-baseline)"
        strokeOpacity={0.45}
        strokeWidth={6}
        strokeLinecap="round"
        dot={false}
        connectNulls
        isAnimationActive={false}
      />
      <Line
        type="monotone"
        dataKey="canary"
        name="Canary"
        stroke="var(--chart-canary)"
        strokeWidth={2}
        dot={false}
        activeDot={{ r: 3 }}
        connectNulls
        isAnimationActive={false}
      />
    </LineChart>
  );
}

const MARKER_COLOUR: Record<ChartMarker["kind"], string> = {
  wave: "var(--chart-marker)",
  rollback: "var(--chart-critical)",
  pause: "var(--chart-warning)",
};

/** A marker's name above the plot, beside its line: to its right, or to its left near the right edge. */
function MarkerLabel({ viewBox, marker }: { viewBox?: { x?: number; y?: number }; marker: ChartMarker & { nearRight: boolean } }) {
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) - 5;
  return (
    <text
      x={marker.nearRight ? x - 3 : x + 3}
      y={y}
      textAnchor={marker.nearRight ? "end" : "start"}
      fontSize={10}
      fontWeight={marker.kind === "wave" ? 400 : 700}
      fill={MARKER_COLOUR[marker.kind]}
    >
      {marker.label}
    </text>
  );
}
