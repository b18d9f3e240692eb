// Where the rollout stands: "Wave 2/4 (25%)", traffic now, time in this wave against its bake time.
import { formatElapsed } from "@/lib/platform/browser/format-time";
import type { ReleaseView } from "@/lib/releases/client/types";

export function waveLabel(view: Pick<ReleaseView, "currentWaveIndex" | "trafficPercent" | "waves" | "status">): string {
  const wave = `${view.currentWaveIndex + 1}/${view.waves.length}`;
  if (view.status === "rolled_back") return `Rolled back from wave ${wave}`;
  if (view.status === "draft") return `Not started (${view.waves.length} waves)`;
  return `Wave ${wave} (${view.trafficPercent}%)`;
}

export function RolloutSummary({ view, now }: { view: ReleaseView; now: number }) {
  if (view.tracks) return <ProgrammeSummary view={view} />;
  const wave = view.waves[view.currentWaveIndex];
  const inWave = (view.status === "running" || view.status === "paused") && view.waveStartedAt;
  const elapsed = inWave ? now - new Date(view.waveStartedAt!).getTime() : null;
  return (
    <dl className="grid grid-cols-[auto_auto] justify-start gap-x-8 gap-y-3 sm:grid-cols-[auto_auto_auto_1fr]">
      <div>
        <dt className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">Wave</dt>
        <dd
          data-testid="current-wave"
          data-wave={view.currentWaveIndex + 1}
          className="text-xl font-bold whitespace-nowrap tabular-nums"
        >
          {waveLabel(view)}
        </dd>
        {wave ? <dd className="truncate text-xs text-zinc-500 dark:text-zinc-400">{wave.name}</dd> : null}
      </div>
      <div>
        <dt className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">Traffic</dt>
        <dd data-testid="traffic-percent" data-value={view.trafficPercent} className="text-xl font-bold tabular-nums">
          {view.trafficPercent}%
        </dd>
      </div>
      <div>
        <dt className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">Time in wave</dt>
        <dd className="min-w-[9ch] text-xl font-bold tabular-nums">
          {elapsed === null ? "—" : formatElapsed(elapsed)}
          {wave && wave.bakeSeconds > 0 ? (
            <span className="text-sm font-medium text-zinc-500 dark:text-zinc-400"> / {formatElapsed(wave.bakeSeconds * 1000)} bake</span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">Board revision</dt>
        <dd
          data-testid="board-revision"
          className="text-sm font-medium text-zinc-500 tabular-nums dark:text-zinc-400"
          title="Tidegate's change counter for this release (not the software version): every change bumps it, and actions are checked against the revision you saw"
        >
          #{view.version}
        </dd>
      </div>
    </dl>
  );
}

/** Issue 22: a programme's summary: how many tracks run, are done or wait, and the highest share any flag serves. */
function ProgrammeSummary({ view }: { view: ReleaseView }) {
  const tracks = view.tracks ?? [];
  const count = (status: string) => tracks.filter((t) => t.status === status).length;
  const parts = [
    count("running") ? `${count("running")} running` : null,
    count("paused") ? `${count("paused")} paused` : null,
    count("completed") ? `${count("completed")} done` : null,
    count("rolled_back") ? `${count("rolled_back")} rolled back` : null,
    count("draft") ? `${count("draft")} to start` : null,
  ].filter(Boolean);
  const term = "text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400";
  return (
    <dl className="grid grid-cols-[auto_auto] justify-start gap-x-8 gap-y-3 sm:grid-cols-[auto_auto_1fr]">
      <div>
        <dt className={term}>Programme</dt>
        <dd data-testid="programme-summary" className="text-xl font-bold tabular-nums">
          {tracks.length} tracks
        </dd>
        <dd className="text-xs text-zinc-500 dark:text-zinc-400">{parts.join(" · ")}</dd>
      </div>
      <div>
        <dt className={term}>Highest share</dt>
        <dd data-testid="traffic-percent" data-value={view.trafficPercent} className="text-xl font-bold tabular-nums">
          {view.trafficPercent}%
        </dd>
      </div>
      <div>
        <dt className={term}>Board revision</dt>
        <dd data-testid="board-revision" className="text-sm font-medium text-zinc-500 tabular-nums dark:text-zinc-400">
          #{view.version}
        </dd>
      </div>
    </dl>
  );
}
