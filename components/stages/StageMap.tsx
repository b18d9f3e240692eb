// Issue 25: a release's stages as a line of steps (staging -> eu -> us), where each stands, and what holds the next
// one. Compact on the overview, larger on the board; wraps on a phone.
import type { StageMap as StageMapData, StageStep } from "@/lib/releases/core/stage-map";

const TONE: Record<StageStep, string> = {
  done: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  active: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-100",
  paused: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  rolled_back: "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200",
  blocked: "border-red-300 bg-white text-red-800 dark:border-red-800 dark:bg-zinc-900 dark:text-red-300",
  waiting: "border-zinc-300 bg-white text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
  ready: "border-zinc-300 bg-white text-zinc-900 dark:border-zinc-600 dark:bg-zinc-900 dark:text-zinc-100",
};

export function StageMap({ map, size = "sm" }: { map: StageMapData; size?: "sm" | "md" }) {
  const text = size === "md" ? "text-sm" : "text-xs";
  const blocked = map.stages.some((s) => s.step === "blocked" || s.step === "rolled_back");
  return (
    <div data-testid="stage-map" className="min-w-0">
      <ol className={`flex flex-wrap items-center gap-x-1 gap-y-1 ${text}`} aria-label="Stages">
        {map.stages.map((s, i) => (
          <li key={s.key} className="flex items-center gap-1" data-stage={s.key} data-step={s.step}>
            {i > 0 ? (
              <span aria-hidden="true" className="text-zinc-400 dark:text-zinc-500">
                →
              </span>
            ) : null}
            <span className={`inline-flex items-baseline gap-1 rounded-md border px-1.5 py-0.5 ${TONE[s.step]}`} title={s.environment}>
              <span className="font-semibold">{s.name}</span>
              <span className="tabular-nums">{s.label}</span>
            </span>
          </li>
        ))}
      </ol>
      {map.next ? (
        <p data-testid="stage-next" className={`mt-1 ${text} ${blocked ? "text-red-700 dark:text-red-300" : "text-zinc-600 dark:text-zinc-400"} break-words`}>
          <span className="font-semibold">Next: {map.next.name}</span> — {map.next.reason}
        </p>
      ) : null}
    </div>
  );
}
