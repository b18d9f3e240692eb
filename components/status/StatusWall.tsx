// The wall screen for stakeholders: what state the release is in, readable from across the room. No controls.
"use client";
import { describeEvent } from "@/lib/client/describe-event";
import { formatClock, formatElapsed } from "@/lib/client/format-time";
import { formatMetric } from "@/lib/client/metric-units";
import type { MetricSeries } from "@/lib/client/types";
import { useNow } from "@/lib/client/use-now";
import { useRelease } from "@/lib/client/use-release";
import { useReleaseEvents } from "@/lib/client/use-release-events";
import { useReleaseLive } from "@/lib/client/use-release-live";
import { useReleaseMetrics } from "@/lib/client/use-release-metrics";
import { waveLabel } from "../board/RolloutSummary";
import { ConnectionIndicator } from "../ui/ConnectionIndicator";
import { HealthBadge } from "../ui/HealthBadge";
import { LEVEL } from "../ui/LevelChip";
import { Logo } from "../ui/Logo";
import { PageLoading, PageProblem } from "../ui/PageState";
import { StatusBadge } from "../ui/StatusBadge";

const MAX_METRICS = 6;

export function StatusWall({ releaseId }: { releaseId: string }) {
  const release = useRelease(releaseId);
  const live = useReleaseLive(releaseId, release.data?.lastSeq);
  const events = useReleaseEvents(releaseId);
  const metrics = useReleaseMetrics(releaseId);
  const now = useNow(1000);
  const view = release.data;

  if (!view) {
    return release.isError ? (
      <PageProblem title="This release could not be shown">{release.error.message}</PageProblem>
    ) : (
      <PageLoading label="Loading release…" />
    );
  }

  const wave = view.waves[view.currentWaveIndex];
  const inWave = (view.status === "running" || view.status === "paused") && view.waveStartedAt;
  const last = events[events.length - 1];
  const shown = (metrics.data?.metrics ?? []).slice(0, MAX_METRICS);

  return (
    <main className="flex min-h-dvh flex-col gap-[2.5vh] p-[3vw]">
      <header className="flex items-center justify-between gap-4 text-zinc-500 dark:text-zinc-400">
        <span className="flex items-center gap-2 text-xl font-semibold">
          <Logo className="size-7" /> Tidegate
        </span>
        <span className="flex items-center gap-4">
          <span className="text-2xl font-semibold tabular-nums">{formatClock(now, now)}</span>
          <ConnectionIndicator state={live.state} offlineSince={live.offlineSince} size="lg" />
        </span>
      </header>

      <div>
        <h1 className="text-[clamp(2rem,5vw,5rem)] leading-tight font-bold tracking-tight break-words">{view.name}</h1>
        <p className="text-[clamp(1.1rem,2vw,2rem)] text-zinc-600 dark:text-zinc-400">
          {view.service} <span className="font-mono">{view.serviceVersion}</span>
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-[2vw]">
        <StatusBadge status={view.status} size="xl" testId="release-status" />
        <HealthBadge health={view.health} size="xl" testId="health-badge" />
      </div>

      <div className="grid gap-[2vw] sm:grid-cols-2">
        <div>
          <div className="text-[clamp(1rem,1.6vw,1.75rem)] font-semibold text-zinc-500 uppercase dark:text-zinc-400">Wave</div>
          <div
            data-testid="current-wave"
            data-wave={view.currentWaveIndex + 1}
            className="text-[clamp(2.5rem,6vw,6.5rem)] leading-none font-bold tabular-nums"
          >
            {waveLabel(view)}
          </div>
          <div className="mt-2 text-[clamp(1.1rem,2vw,2rem)] text-zinc-600 dark:text-zinc-400">
            {wave?.name}
            {inWave ? <span className="tabular-nums"> · {formatElapsed(now - new Date(view.waveStartedAt!).getTime())} in wave</span> : null}
          </div>
        </div>
        <div>
          <div className="text-[clamp(1rem,1.6vw,1.75rem)] font-semibold text-zinc-500 uppercase dark:text-zinc-400">Traffic</div>
          <div data-testid="traffic-percent" data-value={view.trafficPercent} className="text-[clamp(3.5rem,9vw,10rem)] leading-none font-black tabular-nums">
            {view.trafficPercent}%
          </div>
        </div>
      </div>

      {shown.length ? (
        <div className="grid gap-[1.5vw]" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 16rem), 1fr))" }}>
          {shown.map((m) => (
            <WallMetric key={m.metric} m={m} />
          ))}
        </div>
      ) : null}

      <footer className="mt-auto border-t border-zinc-200 pt-[1.5vh] text-[clamp(1.1rem,2vw,2rem)] dark:border-zinc-800" data-testid="last-event">
        <span className="text-zinc-500 dark:text-zinc-400">Last event: </span>
        {last ? (
          <>
            <span className="tabular-nums">{formatClock(last.at, now)}</span> <span className="font-semibold">{last.actor}</span> {describeEvent(last)}
          </>
        ) : (
          "none yet"
        )}
      </footer>
    </main>
  );
}

function WallMetric({ m }: { m: MetricSeries }) {
  const level = LEVEL[m.level] ?? LEVEL.inconclusive;
  return (
    <div data-testid="wall-metric" data-metric={m.metric} data-level={m.level} className={`rounded-xl border border-l-8 border-zinc-200 p-[1.2vw] dark:border-zinc-800 ${level.edge}`}>
      <div className="flex items-center justify-between gap-2 text-[clamp(1rem,1.5vw,1.6rem)] font-semibold text-zinc-600 dark:text-zinc-300">
        <span className="truncate">{m.label}</span>
        <span className={`inline-flex items-center gap-1 rounded px-2 text-[0.8em] font-bold ${level.chip}`}>
          {level.icon}
          {level.label}
        </span>
      </div>
      <div className="text-[clamp(2rem,4vw,4.5rem)] leading-tight font-bold tabular-nums">{formatMetric(m.current, m.unit)}</div>
    </div>
  );
}
