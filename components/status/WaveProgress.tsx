// The plan as one segmented bar: done waves filled, the current one marked, readable from far away.
import type { ReleaseView } from "@/lib/releases/client/types";

const FILL: Record<string, string> = {
  done: "bg-emerald-500",
  active: "bg-sky-500",
  paused: "bg-amber-400",
  rolled_back: "bg-red-600",
  pending: "bg-zinc-200 dark:bg-zinc-800",
};

export function WaveProgress({ view }: { view: ReleaseView }) {
  return (
    <ol className="flex gap-[0.6vw]" aria-label="Waves">
      {view.waves.map((w) => (
        <li key={w.index} className="flex min-w-0 flex-1 flex-col gap-1">
          <div className={`h-[1.4vh] min-h-2 rounded-full ${FILL[w.status] ?? FILL.pending}`} aria-hidden="true" />
          {/* The name gives way on a narrow screen; the wave number and its percentage never do. */}
          <div
            title={`${w.index + 1}. ${w.name} · ${w.trafficPercent}%`}
            data-testid="wall-wave"
            className={`flex min-w-0 flex-wrap items-baseline gap-x-1 text-[clamp(0.9rem,1.3vw,1.5rem)] tabular-nums ${
              w.index === view.currentWaveIndex && view.status !== "draft" ? "font-bold" : "text-zinc-500 dark:text-zinc-400"
            }`}
          >
            <span className="shrink-0" data-testid="wall-wave-percent">
              {w.index + 1} · {w.trafficPercent}%
            </span>
            <span className="min-w-0 basis-full truncate text-[0.85em] sm:basis-auto">{w.name}</span>
            <span className="sr-only"> ({w.status.replace("_", " ")})</span>
          </div>
        </li>
      ))}
    </ol>
  );
}
