// Every checklist of the release, pre-deployment first and then wave by wave, with owner / state filters.
"use client";
import { Fragment, useMemo } from "react";
import { formatMetric } from "@/lib/guardrails/client/metric-units";
import { matchesFilter, ownerRolesOf, type ChecklistFilter, type ChecklistItemView } from "@/lib/releases/client/review-checklist";
import { mayTick } from "@/lib/releases/core/ownership";
import type { Me, ReleaseView } from "@/lib/releases/client/types";
import { hasPermission } from "@/lib/auth/client/use-me";
import { useReleaseMetrics } from "@/lib/guardrails/client/use-release-metrics";
import { LockIcon } from "../ui/icons";
import { Panel } from "../ui/Panel";
import { ChecklistFilters } from "./ChecklistFilters";
import { ChecklistSection } from "./ChecklistSection";
import { waveStatusLabel, waveTitle } from "./wave-labels";

const READ_ONLY_HINT_ID = "checklist-read-only-hint";

export function ChecklistPanel({
  view,
  me,
  filter,
  onFilter,
}: {
  view: ReleaseView;
  /** Undefined while /api/me loads: controls stay disabled, but no "read only" hint flashes up. */
  me: Me | undefined;
  filter: ChecklistFilter;
  onFilter: (next: ChecklistFilter) => void;
}) {
  // Live values for metric-bound items ("now 412 ms"), so a "not met" explains itself.
  const metrics = useReleaseMetrics(view.id);
  const current = useMemo(() => {
    const byMetric = new Map<string, string | null>();
    for (const s of metrics.data?.metrics ?? []) byMetric.set(s.metric, s.current === null ? null : formatMetric(s.current, s.unit));
    return byMetric;
  }, [metrics.data]);
  const metricNow = (metric: string) => (metrics.data ? (current.get(metric) ?? null) : undefined);

  const owners = useMemo(() => ownerRolesOf(view), [view]);
  const all = [...view.preChecklist, ...view.waves.flatMap((w) => w.checklist), ...(view.hypercare?.checklist ?? [])];
  const shown = all.filter((i) => matchesFilter(i, filter)).length;
  const draft = view.status === "draft";
  const canTick = hasPermission(me, "checklist");
  // Ownership is a rule (lib/releases/core/ownership.ts): the same answer the server gives, shown before anyone clicks.
  const ownerLock = (item: ChecklistItemView): string | null => {
    if (!me) return null;
    const right = mayTick(
      { name: me.user.email, role: me.user.role, signoffRoles: me.user.signoffRoles, mayCommand: hasPermission(me, "command") },
      item.ownerRole,
      view.commander,
    );
    return right.ok ? null : right.message;
  };

  return (
    <Panel title="Checklists" id="checklists">
      <div className="flex flex-col gap-3">
        <ChecklistFilters owners={owners} filter={filter} onChange={onFilter} shown={shown} total={all.length} />
        {/* Shown in print so a filtered printout says it is filtered. */}
        {filter.owner || filter.state !== "all" ? (
          <p className="hidden text-xs print:block">
            Filtered: {filter.owner ? `owner ${filter.owner}` : "all owners"}, {filter.state === "all" ? "all states" : filter.state.replace("_", " ")}
          </p>
        ) : null}
        {canTick ? null : (
          <p
            id={READ_ONLY_HINT_ID}
            className={`flex items-center gap-2 rounded-md bg-zinc-100 px-3 py-2 text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300 print:hidden ${me ? "" : "sr-only"}`}
          >
            <LockIcon className="size-4 shrink-0" />
            {me
              ? "Read only: ticking items, waiving them and signing off need the approver, commander or admin role. Ask an admin if you should have it."
              : "Loading your permissions…"}
          </p>
        )}
        <ChecklistSection
          releaseId={view.id}
          waveKey="pre"
          title="Pre-deployment checklist"
          subtitle={draft ? "Gates START" : "Gated START (passed)"}
          current={draft}
          items={view.preChecklist}
          visible={view.preChecklist.filter((i) => matchesFilter(i, filter))}
          canTick={canTick}
          ownerLock={ownerLock}
          readOnlyHintId={READ_ONLY_HINT_ID}
          metricNow={metricNow}
        />
        {view.waves.map((w) => {
          const active = view.status === "running" || view.status === "paused";
          // Plan v2: entry items gate entering the wave (START for the first), the others gate leaving it.
          const entry = w.checklist.filter((i) => i.gate === "entry");
          const exit = w.checklist.filter((i) => i.gate !== "entry");
          const entryOpen = w.index === 0 ? draft : active && w.index === view.currentWaveIndex + 1;
          return (
            <Fragment key={w.index}>
              {entry.length > 0 ? (
                <ChecklistSection
                  releaseId={view.id}
                  waveKey={`${w.index}-entry`}
                  title={`${waveTitle(w)}: entry checklist`}
                  subtitle={`Gates entering this wave${w.index === 0 ? " (START)" : ""}`}
                  current={entryOpen}
                  items={entry}
                  visible={entry.filter((i) => matchesFilter(i, filter))}
                  canTick={canTick}
                  ownerLock={ownerLock}
                  readOnlyHintId={READ_ONLY_HINT_ID}
                  metricNow={metricNow}
                />
              ) : null}
              <ChecklistSection
                releaseId={view.id}
                waveKey={String(w.index)}
                title={waveTitle(w)}
                subtitle={`Gates leaving this wave · ${waveStatusLabel(w.status)}`}
                current={!draft && w.index === view.currentWaveIndex && active}
                items={exit}
                visible={exit.filter((i) => matchesFilter(i, filter))}
                canTick={canTick}
                ownerLock={ownerLock}
                readOnlyHintId={READ_ONLY_HINT_ID}
                metricNow={metricNow}
              />
            </Fragment>
          );
        })}
        {view.hypercare && view.hypercare.checklist.length > 0 ? (
          <ChecklistSection
            releaseId={view.id}
            waveKey="hypercare"
            title="Hypercare checklist"
            subtitle={`Gates the end of hypercare${view.status === "hypercare" ? " · in progress" : view.status === "completed" ? " · done" : ""}`}
            current={view.status === "hypercare"}
            items={view.hypercare.checklist}
            visible={view.hypercare.checklist.filter((i) => matchesFilter(i, filter))}
            canTick={canTick}
            ownerLock={ownerLock}
            readOnlyHintId={READ_ONLY_HINT_ID}
            metricNow={metricNow}
          />
        ) : null}
      </div>
    </Panel>
  );
}
