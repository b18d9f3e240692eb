// The release board: state, waves, metrics, go/no-go, controls and the audit trail, all live.
"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { pendingAutoAction } from "@/lib/releases/client/auto-action";
import { stopStory } from "@/lib/releases/client/stop-story";
import { useConnection } from "@/lib/realtime/client/use-connection";
import { hasPermission, useMe } from "@/lib/auth/client/use-me";
import { useNow } from "@/lib/platform/browser/use-now";
import { useRelease } from "@/lib/releases/client/use-release";
import { useReleaseEvents } from "@/lib/releases/client/use-release-events";
import { useReleaseLive } from "@/lib/releases/client/use-release-live";
import { useReleaseMetrics } from "@/lib/guardrails/client/use-release-metrics";
import { effectivePrometheusSource } from "@/lib/guardrails/core/effective-source";
import type { Plan } from "@/lib/plans/core/plan";
import { guardrailsForWave } from "@/lib/plans/core/wave-guardrails";
import { trafficHookFailure } from "@/lib/webhooks/client/traffic-hook-state";
import { queryKeys } from "@/lib/platform/browser/query-keys";
import { MetricCharts } from "../charts/MetricCharts";
import { ActionBar } from "../controls/ActionBar";
import { ReleaseScreenFrame } from "../layout/ReleaseScreenFrame";
import { BoardHeader } from "./BoardHeader";
import { FlagsPanel } from "./FlagsPanel";
import { GatePanel } from "./GatePanel";
import { IncidentPanel } from "./IncidentPanel";
import { IncidentSummary } from "./IncidentSummary";
import { MeasurementsPanel } from "./MeasurementsPanel";
import { MetricTiles } from "./MetricTiles";
import { RollbackPlanPanel } from "./RollbackPlanPanel";
import { RolloutSummary } from "./RolloutSummary";
import { SimulatorPanel } from "./SimulatorPanel";
import { StaleBanner } from "./StaleBanner";
import { FreezeBanner } from "../freezes/FreezeBanner";
import { StopNotice } from "./StopNotice";
import { Timeline } from "./Timeline";
import { TrafficHookWarning } from "./TrafficHookWarning";
import { TrafficRouterPanel } from "./TrafficRouterPanel";
import { TrackLanes } from "./TrackLanes";
import { StageMap } from "../stages/StageMap";
import { UpstreamRollbackQuestion } from "../stages/UpstreamRollbackQuestion";
import { stageMapOf } from "@/lib/releases/core/stage-map";
import { WaveStepper } from "./WaveStepper";

/** Guardrails of the current wave whose values Tidegate pulls from Prometheus. */
function pulledMetrics(view: { plan: Plan; currentWaveIndex: number; tracks: { key: string; status: string; currentWaveIndex: number }[] | null }): string[] {
  return guardrailsForWave(view.plan, view.currentWaveIndex, view.tracks ? Object.fromEntries(view.tracks.map((t) => [t.key, t])) : undefined)
    .filter((g) => effectivePrometheusSource(view.plan.source, g.source) !== null)
    .map((g) => g.metric);
}

/**
 * A view read over HTTP this recently (the server-rendered page, or a poll) is current enough to act on while the
 * socket is still connecting for the first time: every command carries the revision it was decided on and the
 * server refuses a forward step if the release moved since.
 */
const FRESH_VIEW_MS = 10_000;

export function ReleaseBoard({ releaseId, renderedAt }: { releaseId: string; renderedAt?: number }) {
  const connection = useConnection();
  // While the socket is down the board keeps reading the release over HTTP, so it is never far behind.
  const release = useRelease(releaseId, connection.state === "live" ? undefined : 5_000);
  const live = useReleaseLive(releaseId, release.data?.lastSeq);
  const events = useReleaseEvents(releaseId);
  const metrics = useReleaseMetrics(releaseId);
  const me = useMe();
  const now = useNow(1000, renderedAt);

  const mayCommand = hasPermission(me.data, "command");
  const view = release.data;
  // A critical alert that has not acted yet: read the metrics now (their critical-since time drives the countdown)
  // rather than wait for the live feed's pushes, which a reconnecting board does not get.
  const qc = useQueryClient();
  const armed = (view?.alerts ?? []).filter((a) => a.level === "critical" && !a.actedAt).map((a) => a.metric).join(",");
  useEffect(() => {
    if (armed) void qc.invalidateQueries({ queryKey: queryKeys.metrics(releaseId) });
  }, [armed, qc, releaseId]);
  // The view is behind when the feed has applied events of a newer version than the view shows.
  const newestEventVersion = events.length ? events[events.length - 1].version : 0;
  const trafficFailure = trafficHookFailure(events);
  const syncing = !!view && newestEventVersion > view.version;
  const current = live.state === "live" || (live.offlineSince === null && now - release.dataUpdatedAt < FRESH_VIEW_MS);

  return (
    <ReleaseScreenFrame
      releaseId={releaseId}
      release={release}
      live={live}
      loadingLabel="Loading release…"
      crumbs={(v) => <span className="truncate text-zinc-800 dark:text-zinc-200">{v.name}</span>}
    >
      {(view) => {
        const story = stopStory(view, events);
        const autoAction = pendingAutoAction(view, metrics.data?.metrics ?? []);
        const pulled = pulledMetrics(view);
        return (
          <>
            <StaleBanner state={live.state} offlineSince={live.offlineSince} />
            <BoardHeader view={view} />
            <FreezeBanner frozen={view.frozen} quarantined={view.quarantined} now={now} isAdmin={hasPermission(me.data, "manage")} />
            {story ? <StopNotice story={story} now={now} /> : null}
            {trafficFailure ? <TrafficHookWarning failure={trafficFailure} /> : null}
            <section
              aria-label="Rollout control"
              className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-4 lg:flex-row lg:items-start lg:justify-between dark:border-zinc-800 dark:bg-zinc-900"
            >
              <RolloutSummary view={view} now={now} />
              <div className="lg:max-w-[46rem] lg:min-w-[28rem]">
                <ActionBar view={view} me={me.data} current={current} syncing={syncing} now={now} autoAction={autoAction} />
              </div>
            </section>
            {view.tracks ? <UpstreamRollbackQuestion view={view} events={events} canCommand={mayCommand} current={current} /> : null}
            {view.tracks && stageMapOf(view.tracks) ? (
              <section aria-label="Stage map" className="rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900">
                <StageMap map={stageMapOf(view.tracks)!} size="md" />
              </section>
            ) : null}
            {view.tracks ? <TrackLanes view={view} canCommand={mayCommand} canApprove={hasPermission(me.data, "checklist")} current={current} /> : <WaveStepper view={view} now={now} />}
            <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(20rem,26rem)]">
              <div className="flex min-w-0 flex-col gap-4">
                <MetricTiles metrics={metrics.data} loading={metrics.isPending} />
                <IncidentPanel releaseId={releaseId} canEdit={mayCommand} />
                <IncidentSummary
                  releaseId={releaseId}
                  alerts={view.alerts}
                  events={events}
                  now={now}
                  canAcknowledge={mayCommand}
                  live={live.state === "live"}
                />
                <MetricCharts metrics={metrics.data} loading={metrics.isPending} events={events} />
                {pulled.length > 0 ? <MeasurementsPanel releaseId={releaseId} metrics={pulled} now={now} /> : null}
              </div>
              <div className="flex min-w-0 flex-col gap-4">
                {view.tracks ? null : <GatePanel view={view} now={now} canRecheck={mayCommand} />}
                {view.trafficRouter ? <TrafficRouterPanel releaseId={releaseId} initial={view.trafficRouter} version={view.version} now={now} /> : null}
                <RollbackPlanPanel view={view} me={me.data} />
                {view.plan.flags?.length || view.tracks?.some((t) => t.flags.length) ? <FlagsPanel releaseId={releaseId} now={now} /> : null}
                <Timeline events={events} now={now} />
                {/* Only the demo's release (seeded with a scenario) has a simulator; real releases never show it. */}
                {view.simulatorScenario !== null ? (
                  <SimulatorPanel releaseId={releaseId} canSwitch={mayCommand} live={live.state === "live"} />
                ) : null}
              </div>
            </div>
          </>
        );
      }}
    </ReleaseScreenFrame>
  );
}
