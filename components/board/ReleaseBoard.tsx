// The release board: state, waves, metrics, go/no-go, controls and the audit trail, all live.
"use client";
import { hasPermission, useMe } from "@/lib/client/use-me";
import { useNow } from "@/lib/client/use-now";
import { useRelease } from "@/lib/client/use-release";
import { useReleaseEvents } from "@/lib/client/use-release-events";
import { useReleaseLive } from "@/lib/client/use-release-live";
import { useReleaseMetrics } from "@/lib/client/use-release-metrics";
import { effectivePrometheusSource } from "@/lib/rollout/metric-source";
import { guardrailsForWave, type Plan } from "@/lib/rollout/plan";
import { trafficHookFailure } from "@/lib/client/traffic-hook-state";
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
import { Timeline } from "./Timeline";
import { TrafficHookWarning } from "./TrafficHookWarning";
import { WaveStepper } from "./WaveStepper";

/** Guardrails of the current wave whose values Tidegate pulls from Prometheus. */
function pulledMetrics(view: { plan: Plan; currentWaveIndex: number }): string[] {
  return guardrailsForWave(view.plan, view.currentWaveIndex)
    .filter((g) => effectivePrometheusSource(view.plan.source, g.source) !== null)
    .map((g) => g.metric);
}

export function ReleaseBoard({ releaseId }: { releaseId: string }) {
  const release = useRelease(releaseId);
  const live = useReleaseLive(releaseId, release.data?.lastSeq);
  const events = useReleaseEvents(releaseId);
  const metrics = useReleaseMetrics(releaseId);
  const me = useMe();
  const now = useNow(1000);

  const mayCommand = hasPermission(me.data, "command");
  const view = release.data;
  // The view is behind when the feed has applied events of a newer version than the view shows.
  const newestEventVersion = events.length ? events[events.length - 1].version : 0;
  const trafficFailure = trafficHookFailure(events);
  const syncing = !!view && newestEventVersion > view.version;

  return (
    <ReleaseScreenFrame
      releaseId={releaseId}
      release={release}
      live={live}
      loadingLabel="Loading release…"
      crumbs={(v) => <span className="truncate text-zinc-800 dark:text-zinc-200">{v.name}</span>}
    >
      {(view) => (
        <>
          <StaleBanner state={live.state} offlineSince={live.offlineSince} />
          <BoardHeader view={view} />
          {trafficFailure ? <TrafficHookWarning failure={trafficFailure} /> : null}
          <section
            aria-label="Rollout control"
            className="flex flex-col gap-4 rounded-lg border border-zinc-200 bg-white p-4 lg:flex-row lg:items-start lg:justify-between dark:border-zinc-800 dark:bg-zinc-900"
          >
            <RolloutSummary view={view} now={now} />
            <div className="lg:max-w-[46rem] lg:min-w-[28rem]">
              <ActionBar view={view} me={me.data} live={live.state} syncing={syncing} />
            </div>
          </section>
          <WaveStepper view={view} now={now} />
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
              <MetricCharts metrics={metrics.data} loading={metrics.isPending} />
              {pulledMetrics(view).length > 0 ? <MeasurementsPanel releaseId={releaseId} metrics={pulledMetrics(view)} now={now} /> : null}
            </div>
            <div className="flex min-w-0 flex-col gap-4">
              <GatePanel view={view} now={now} canRecheck={mayCommand} />
              <RollbackPlanPanel view={view} me={me.data} />
              {view.plan.flags?.length ? <FlagsPanel releaseId={releaseId} now={now} /> : null}
              <Timeline events={events} now={now} />
              <SimulatorPanel releaseId={releaseId} canSwitch={mayCommand} live={live.state === "live"} />
            </div>
          </div>
        </>
      )}
    </ReleaseScreenFrame>
  );
}
