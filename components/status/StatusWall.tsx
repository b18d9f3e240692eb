// The wall screen for stakeholders: what state the release is in, readable from across the room. No controls.
"use client";
import { describeEvent } from "@/lib/releases/client/describe-event";
import { formatClock, formatElapsed } from "@/lib/platform/browser/format-time";
import { formatMetric } from "@/lib/guardrails/client/metric-units";
import type { AlertView, MetricSeries, ReleaseView } from "@/lib/releases/client/types";
import { useNow } from "@/lib/platform/browser/use-now";
import { useRelease } from "@/lib/releases/client/use-release";
import { useReleaseEvents } from "@/lib/releases/client/use-release-events";
import { useReleaseLive } from "@/lib/releases/client/use-release-live";
import { useReleaseMetrics } from "@/lib/guardrails/client/use-release-metrics";
import { stopStory } from "@/lib/releases/client/stop-story";
import { nextStep } from "@/lib/releases/client/next-step";
import { waveLabel } from "../board/RolloutSummary";
import { StaleBanner } from "../board/StaleBanner";
import { StopNotice } from "../board/StopNotice";
import { ConnectionIndicator } from "../ui/ConnectionIndicator";
import { HealthBadge } from "../ui/HealthBadge";
import { LEVEL } from "../ui/LevelChip";
import { Logo } from "../ui/Logo";
import { PageLoading, PageProblem } from "../ui/PageState";
import { StatusBadge } from "../ui/StatusBadge";
import { WallIncident } from "./WallIncident";
import { WallTracks } from "./WallTracks";
import { WaveProgress } from "./WaveProgress";

const MAX_METRICS = 8;
const label = "text-[clamp(0.9rem,1.3vw,1.5rem)] font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400";

export function StatusWall({ releaseId, renderedAt }: { releaseId: string; renderedAt?: number }) {
  const release = useRelease(releaseId);
  const live = useReleaseLive(releaseId, release.data?.lastSeq);
  const events = useReleaseEvents(releaseId);
  const metrics = useReleaseMetrics(releaseId);
  const now = useNow(1000, renderedAt);
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
  const story = stopStory(view, events);
  // A rolled-back release has no canary traffic: its tiles would only say "no data". The story says what matters.
  const shown = view.status === "rolled_back" ? [] : (metrics.data?.metrics ?? []).slice(0, MAX_METRICS);

  return (
    <main className="flex min-h-dvh flex-col gap-[2.2vh] px-[3vw] py-[2.5vh]">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <div className="flex items-center gap-2 text-[clamp(0.9rem,1.2vw,1.4rem)] font-semibold text-zinc-500 dark:text-zinc-400">
            <Logo className="size-[1.3em]" /> Tidegate
          </div>
          <h1 className="text-[clamp(2rem,4.2vw,4.5rem)] leading-tight font-bold tracking-tight break-words">{view.name}</h1>
          <p className="text-[clamp(1rem,1.6vw,1.8rem)] text-zinc-600 dark:text-zinc-400">
            {view.service} <span className="font-mono">{view.serviceVersion}</span>
          </p>
        </div>
        <div className="flex items-center gap-4">
          <span className="text-[clamp(1.2rem,2vw,2.4rem)] font-semibold text-zinc-500 tabular-nums dark:text-zinc-400">{formatClock(now, now)}</span>
          <ConnectionIndicator state={live.state} offlineSince={live.offlineSince} size="lg" />
        </div>
      </header>

      <StaleBanner state={live.state} offlineSince={live.offlineSince} readOnly />
      <WallIncident releaseId={releaseId} />

      <section className="grid items-end gap-[3vw] lg:grid-cols-[auto_1fr]">
        <div className="flex flex-col items-start gap-[1.5vh]">
          <StatusBadge status={view.status} size="xl" testId="release-status" />
          <HealthBadge health={view.health} status={view.status} size="xl" testId="health-badge" />
          <AlertCounts alerts={view.alerts} />
        </div>
        {view.tracks ? (
          <WallTracks view={view} />
        ) : (
        <div className="min-w-0">
          <div className={label}>Traffic on the new version</div>
          <div data-testid="traffic-percent" data-value={view.trafficPercent} className="text-[clamp(4rem,11vw,12rem)] leading-[0.9] font-black tabular-nums">
            {view.trafficPercent}%
          </div>
          <div className="mt-[1vh] flex flex-wrap items-baseline gap-x-4 text-[clamp(1.2rem,2.4vw,2.8rem)]">
            <span data-testid="current-wave" data-wave={view.currentWaveIndex + 1} className="font-bold tabular-nums">
              {waveLabel(view)}
            </span>
            <span className="text-zinc-600 dark:text-zinc-400">
              {wave?.name}
              {inWave ? <span className="tabular-nums"> · {formatElapsed(now - new Date(view.waveStartedAt!).getTime())} in wave</span> : null}
            </span>
          </div>
        </div>
        )}
      </section>

      {story ? <StopNotice story={story} now={now} size="xl" /> : null}

      {view.tracks ? null : <NextStep view={view} now={now} />}

      {view.tracks ? null : <WaveProgress view={view} />}

      {shown.length ? (
        <section className="grid gap-[1.2vw]" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 18rem), 1fr))" }} aria-label="Key metrics">
          {shown.map((m) => (
            <WallMetric key={m.metric} m={m} />
          ))}
        </section>
      ) : null}

      <footer className="mt-auto border-t border-zinc-200 pt-[1.5vh] text-[clamp(1rem,1.8vw,2rem)] dark:border-zinc-800" data-testid="last-event">
        <span className={label}>Last event </span>
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

const NEXT_TONE = {
  go: "border-emerald-500 bg-emerald-50 text-emerald-950 dark:bg-emerald-950/40 dark:text-emerald-100",
  wait: "border-sky-500 bg-sky-50 text-sky-950 dark:bg-sky-950/40 dark:text-sky-100",
  "no-go": "border-red-500 bg-red-50 text-red-950 dark:bg-red-950/40 dark:text-red-100",
} as const;

/** While a release runs: what comes next and what holds it ("NO-GO for wave 2 (25%): 2 sign-offs missing"). */
function NextStep({ view, now }: { view: ReleaseView; now: number }) {
  const next = nextStep(view, now);
  if (!next) return null;
  return (
    <p
      data-testid="wall-next"
      data-tone={next.tone}
      className={`rounded-lg border-l-8 px-[1.5vw] py-[1vh] text-[clamp(1.1rem,2vw,2.4rem)] font-semibold break-words ${NEXT_TONE[next.tone]}`}
    >
      <span className={label}>Next </span>
      {next.text}
    </p>
  );
}

function AlertCounts({ alerts }: { alerts: AlertView[] }) {
  const critical = alerts.filter((a) => a.level === "critical").length;
  const warning = alerts.filter((a) => a.level === "warning").length;
  const noData = alerts.filter((a) => a.level === "inconclusive").length;
  const parts = [
    critical ? `${critical} critical alert${critical === 1 ? "" : "s"}` : null,
    warning ? `${warning} warning${warning === 1 ? "" : "s"}` : null,
    noData ? `${noData} without data` : null,
  ].filter(Boolean);
  return (
    <p className="text-[clamp(1rem,1.6vw,1.8rem)] font-semibold text-zinc-600 dark:text-zinc-300" data-testid="wall-alerts">
      {parts.length ? parts.join(" · ") : "No open alerts"}
    </p>
  );
}

function WallMetric({ m }: { m: MetricSeries }) {
  const level = LEVEL[m.level] ?? LEVEL.inconclusive;
  return (
    <div
      data-testid="wall-metric"
      data-metric={m.metric}
      data-level={m.level}
      className={`min-w-0 rounded-xl border border-l-8 border-y-zinc-200 border-r-zinc-200 bg-white px-[1vw] py-[1vh] dark:border-y-zinc-800 dark:border-r-zinc-800 dark:bg-zinc-900 ${level.edge}`}
    >
      <div className="flex items-center justify-between gap-2 text-[clamp(0.9rem,1.2vw,1.4rem)] font-semibold text-zinc-600 dark:text-zinc-300">
        <span className="truncate">{m.label}</span>
        <span className={`inline-flex shrink-0 items-center gap-1 rounded px-2 text-[0.8em] font-bold ${level.chip}`}>
          {level.icon}
          {level.label}
        </span>
      </div>
      <div className="text-[clamp(1.6rem,2.8vw,3.2rem)] leading-tight font-bold tabular-nums">{formatMetric(m.current, m.unit)}</div>
      {m.verdict ? (
        <p data-testid="wall-verdict" className="text-[clamp(0.8rem,1vw,1.2rem)] break-words text-zinc-600 tabular-nums dark:text-zinc-300">
          {m.verdict.startsWith(`${m.metric}: `) ? m.verdict.slice(m.metric.length + 2) : m.verdict}
        </p>
      ) : null}
    </div>
  );
}
