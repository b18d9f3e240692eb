// The metric tiles row, or an honest empty state when there is no data yet.
import { memo } from "react";
import type { MetricsView } from "@/lib/releases/client/types";
import { Panel } from "../ui/Panel";
import { MetricTile } from "./MetricTile";

// Memoised: only new metrics redraw the tiles, not the board's one-second clock.
export const MetricTiles = memo(function MetricTiles({ metrics, loading }: { metrics: MetricsView | undefined; loading: boolean }) {
  const list = metrics?.metrics ?? [];
  return (
    <Panel title="Guardrail metrics (canary)" id="metrics">
      {list.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">{loading ? "Loading metrics…" : "No metric data yet for this release."}</p>
      ) : (
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-[repeat(auto-fill,minmax(13rem,1fr))]">
          {list.map((m) => (
            <MetricTile key={m.metric} series={m} />
          ))}
        </div>
      )}
    </Panel>
  );
});
