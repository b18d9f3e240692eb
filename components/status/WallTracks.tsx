// Issue 22: a programme on the wall screen, one large line per track ("Search migration: 50 %", "Installation:
// waiting for Search migration") with its waves as a bar, readable from across the room.
import { trackNames, trackState } from "@/lib/releases/core/track-line";
import type { ReleaseView } from "@/lib/releases/client/types";

const FILL: Record<string, string> = {
  done: "bg-emerald-500",
  active: "bg-sky-500",
  paused: "bg-amber-400",
  rolled_back: "bg-red-600",
  pending: "bg-zinc-200 dark:bg-zinc-800",
};

const TONE: Record<string, string> = {
  running: "text-zinc-900 dark:text-zinc-50",
  paused: "text-amber-700 dark:text-amber-300",
  rolled_back: "text-red-700 dark:text-red-400",
  completed: "text-emerald-700 dark:text-emerald-400",
  draft: "text-zinc-500 dark:text-zinc-400",
};

export function WallTracks({ view }: { view: ReleaseView }) {
  const tracks = view.tracks ?? [];
  const names = trackNames(tracks);
  return (
    <section aria-label="Tracks" className="flex flex-col gap-[2vh]">
      {tracks.map((t) => (
        <div key={t.key} data-testid="wall-track" data-track={t.key} data-status={t.status} className="min-w-0">
          <p className="flex flex-wrap items-baseline gap-x-[0.6em] text-[clamp(1.4rem,3.2vw,3.6rem)] leading-tight font-bold">
            <span className="break-words">{t.name}:</span>
            <span className={`tabular-nums ${TONE[t.status] ?? TONE.draft}`}>{trackState(t, names)}</span>
          </p>
          {t.kind === "ramp" ? (
            <ol className="mt-[0.8vh] flex gap-[0.5vw]" aria-hidden="true">
              {t.waves.map((w) => (
                <li key={w.index} className={`h-[1.1vh] min-h-2 flex-1 rounded-full ${FILL[w.status] ?? FILL.pending}`} />
              ))}
            </ol>
          ) : null}
        </div>
      ))}
    </section>
  );
}
