// A small canary-vs-baseline chart of one metric during one wave. Fixed size and no animation, so it prints as drawn.
"use client";
import { Line, LineChart, ReferenceLine, YAxis } from "recharts";
import type { WaveMetric } from "@/lib/reports/core/build-report";

export function WaveSparkline({ metric }: { metric: WaveMetric }) {
  if (metric.points.length < 2) return <p className="flex h-[64px] items-center text-xs text-zinc-500 dark:text-zinc-400">Too little data to draw.</p>;
  const critical = metric.relativeTo ? null : metric.critical;
  return (
    <LineChart width={260} height={64} data={metric.points} margin={{ top: 4, right: 4, bottom: 4, left: 4 }} role="img" aria-label={`${metric.label}: canary and baseline during the wave`}>
      <YAxis hide domain={["auto", "auto"]} />
      {critical !== null ? <ReferenceLine y={critical} stroke="var(--chart-critical, #dc2626)" strokeDasharray="3 3" ifOverflow="hidden" /> : null}
      <Line type="monotone" dataKey="baseline" stroke="var(--chart-baseline, #71717a)" strokeDasharray="4 3" dot={false} isAnimationActive={false} connectNulls />
      <Line type="monotone" dataKey="canary" stroke="var(--chart-canary, #0369a1)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
    </LineChart>
  );
}
