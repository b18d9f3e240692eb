// Every wave of the plan: traffic, state, time spent and bake time left, ticking. Vertical on phones.
import type { ReactNode } from "react";
import { formatElapsed } from "@/lib/platform/browser/format-time";
import type { ReleaseView, WaveView } from "@/lib/releases/client/types";
import { CheckCircleIcon, CircleIcon, PauseIcon, PlayIcon, RollbackIcon } from "../ui/icons";
import { Panel } from "../ui/Panel";

const WAVE: Record<string, { label: string; tone: string; bar: string; icon: ReactNode }> = {
  done: { label: "Done", tone: "text-emerald-700 dark:text-emerald-400", bar: "bg-emerald-500", icon: <CheckCircleIcon /> },
  active: { label: "Active", tone: "text-sky-700 dark:text-sky-400", bar: "bg-sky-500", icon: <PlayIcon /> },
  paused: { label: "Paused", tone: "text-amber-700 dark:text-amber-400", bar: "bg-amber-400", icon: <PauseIcon /> },
  rolled_back: { label: "Rolled back", tone: "text-red-700 dark:text-red-400", bar: "bg-red-600", icon: <RollbackIcon /> },
  pending: { label: "Pending", tone: "text-zinc-500 dark:text-zinc-400", bar: "bg-zinc-200 dark:bg-zinc-800", icon: <CircleIcon /> },
};

function timing(w: WaveView, now: number): { spent: string; bake: string } {
  const started = w.startedAt ? new Date(w.startedAt).getTime() : null;
  const ended = w.endedAt ? new Date(w.endedAt).getTime() : null;
  const bakeMs = w.bakeSeconds * 1000;
  if (started === null) return { spent: "—", bake: bakeMs ? `Bake ${formatElapsed(bakeMs)}` : "No bake" };
  const spentMs = (ended ?? now) - started;
  const running = ended === null && (w.status === "active" || w.status === "paused");
  if (!bakeMs) return { spent: formatElapsed(spentMs), bake: "No bake" };
  const left = bakeMs - spentMs;
  if (left <= 0) return { spent: formatElapsed(spentMs), bake: `Baked ${formatElapsed(bakeMs)}` };
  // A wave left early (override, rollback) did not bake fully; say how far it got.
  return {
    spent: formatElapsed(spentMs),
    bake: running ? `Bake ${formatElapsed(left)} left` : `Baked ${formatElapsed(spentMs)} of ${formatElapsed(bakeMs)}`,
  };
}

export function WaveStepper({ view, now }: { view: ReleaseView; now: number }) {
  return (
    <Panel title="Waves" id="waves">
      <ol
        className="grid gap-2 md:gap-3"
        style={{ gridTemplateColumns: `repeat(auto-fit, minmax(min(100%, 10rem), 1fr))` }}
        data-testid="wave-stepper"
      >
        {view.waves.map((w) => {
          const s = WAVE[w.status] ?? WAVE.pending;
          const current = w.index === view.currentWaveIndex && view.status !== "draft";
          const t = timing(w, now);
          return (
            <li
              key={w.index}
              data-testid="wave-step"
              data-wave={w.index + 1}
              data-status={w.status}
              aria-current={current ? "step" : undefined}
              className={`flex flex-col gap-1 rounded-md border p-2.5 ${current ? "border-sky-500 bg-sky-50/60 ring-1 ring-sky-500 dark:bg-sky-950/30" : "border-zinc-200 dark:border-zinc-800"}`}
            >
              <div className={`h-1.5 rounded-full ${s.bar}`} aria-hidden="true" />
              <div className="flex items-baseline justify-between gap-2">
                <span className="text-sm font-bold">Wave {w.index + 1}</span>
                <span className="text-lg font-bold tabular-nums">{w.trafficPercent}%</span>
              </div>
              <div className="truncate text-sm text-zinc-600 dark:text-zinc-400" title={w.name}>
                {w.name}
              </div>
              <div className={`flex items-center gap-1 text-xs font-semibold ${s.tone}`}>
                {s.icon}
                {s.label}
                {current ? <span className="sr-only">(current wave)</span> : null}
              </div>
              <div className="flex justify-between gap-2 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
                <span title="Time spent in this wave">{t.spent}</span>
                <span>{t.bake}</span>
              </div>
              {w.audience ? (
                <div className="truncate text-xs text-zinc-500 dark:text-zinc-400" title={w.audience}>
                  {w.audience}
                </div>
              ) : null}
              {w.autoContinue || w.maxSeconds ? (
                <div className="flex flex-wrap gap-x-2 text-xs">
                  {w.autoContinue ? <span className="text-sky-700 dark:text-sky-400">Promotes itself</span> : null}
                  {w.overdueAt ? (
                    new Date(w.overdueAt).getTime() <= now ? (
                      <span data-testid="wave-overdue" className="font-bold text-amber-700 dark:text-amber-400">
                        OVERDUE
                      </span>
                    ) : (
                      <span className="text-zinc-600 dark:text-zinc-400">Decide within {formatElapsed(new Date(w.overdueAt).getTime() - now)}</span>
                    )
                  ) : w.maxSeconds ? (
                    <span className="text-zinc-500 dark:text-zinc-400">Deadline {formatElapsed(w.maxSeconds * 1000)}</span>
                  ) : null}
                </div>
              ) : null}
            </li>
          );
        })}
        {view.hypercare ? (
          <li
            data-testid="hypercare-step"
            data-status={view.status === "hypercare" ? "active" : view.status === "completed" ? "done" : "pending"}
            aria-current={view.status === "hypercare" ? "step" : undefined}
            className={`flex flex-col gap-1 rounded-md border p-2.5 ${view.status === "hypercare" ? "border-teal-500 bg-teal-50/60 ring-1 ring-teal-500 dark:bg-teal-950/30" : "border-zinc-200 dark:border-zinc-800"}`}
          >
            <div className={`h-1.5 rounded-full ${view.status === "hypercare" ? "bg-teal-500" : view.status === "completed" ? "bg-emerald-500" : "bg-zinc-200 dark:bg-zinc-800"}`} aria-hidden="true" />
            <div className="flex items-baseline justify-between gap-2">
              <span className="text-sm font-bold">Hypercare</span>
              <span className="text-lg font-bold tabular-nums">100%</span>
            </div>
            <div className="text-sm text-zinc-600 dark:text-zinc-400">Observation {formatElapsed(view.hypercare.durationSeconds * 1000)}</div>
            <div className="text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
              {view.status === "hypercare" && view.hypercare.endsAt
                ? new Date(view.hypercare.endsAt).getTime() > now
                  ? `${formatElapsed(new Date(view.hypercare.endsAt).getTime() - now)} left`
                  : "Duration passed"
                : view.status === "completed"
                  ? "Done"
                  : "After the last wave"}
            </div>
          </li>
        ) : null}
      </ol>
    </Panel>
  );
}
