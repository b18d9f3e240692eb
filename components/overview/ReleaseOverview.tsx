// The overview: every release, grouped by what needs attention, live over the { all: true } subscription.
"use client";
import Link from "next/link";
import { hasPermission, useMe } from "@/lib/auth/client/use-me";
import { useNow } from "@/lib/platform/browser/use-now";
import { useOverviewLive } from "@/lib/releases/client/use-overview-live";
import { useReleases } from "@/lib/releases/client/use-releases";
import type { ReleaseSummary } from "@/lib/releases/client/types";
import { AppHeader } from "../layout/AppHeader";
import { focusRing } from "../ui/Button";
import { ConnectionIndicator } from "../ui/ConnectionIndicator";
import { PageLoading, PageProblem } from "../ui/PageState";
import { ReleaseRow, ROW_GRID } from "./ReleaseRow";
import { FreezeCalendar } from "../freezes/FreezeCalendar";

const GROUPS: { title: string; statuses: string[] }[] = [
  { title: "In progress", statuses: ["running", "paused", "hypercare"] },
  { title: "Not started", statuses: ["draft"] },
  { title: "Finished", statuses: ["rolled_back", "completed"] },
];

export function ReleaseOverview({ renderedAt }: { renderedAt?: number }) {
  const live = useOverviewLive();
  const releases = useReleases();
  const now = useNow(1000, renderedAt);
  const me = useMe();
  const canManage = hasPermission(me.data, "manage");

  return (
    <>
      <AppHeader>
        <span className="hidden text-sm text-zinc-500 sm:inline dark:text-zinc-400">Releases</span>
        <span className="ml-auto">
          <ConnectionIndicator state={live.state} offlineSince={live.offlineSince} />
        </span>
      </AppHeader>
      <main className="mx-auto max-w-[1600px] px-3 py-5 sm:px-5">
        {releases.isPending ? (
          <PageLoading label="Loading releases…" />
        ) : releases.isError ? (
          <PageProblem title="Releases could not be loaded" onRetry={() => void releases.refetch()}>
            {releases.error.message}
          </PageProblem>
        ) : (
          <>
            <Summary releases={releases.data} canManage={canManage} />
            <FreezeCalendar now={now} isAdmin={canManage} />
            {releases.data.length === 0 ? (
              <p className="rounded-lg border border-dashed border-zinc-300 p-8 text-center text-sm text-zinc-500 dark:border-zinc-700">
                No releases yet. Releases are created from a rollout plan, with New release (admins) or through the API.
              </p>
            ) : (
              GROUPS.map((g) => {
                const rows = releases.data.filter((r) => g.statuses.includes(r.status));
                return rows.length ? <Group key={g.title} title={g.title} rows={rows} now={now} /> : null;
              })
            )}
          </>
        )}
      </main>
    </>
  );
}

function Summary({ releases, canManage }: { releases: ReleaseSummary[]; canManage: boolean }) {
  const count = (f: (r: ReleaseSummary) => boolean) => releases.filter(f).length;
  const items = [
    { label: "Running", value: count((r) => r.status === "running") },
    { label: "Paused", value: count((r) => r.status === "paused") },
    { label: "Critical", value: count((r) => r.health === "CRITICAL"), alarm: true },
    { label: "Warning", value: count((r) => r.health === "WARNING") },
    { label: "No data", value: count((r) => r.health === "NO_DATA" && r.status !== "draft") },
  ];
  return (
    <div className="mb-5 flex flex-wrap items-end gap-x-8 gap-y-3">
      <h1 className="text-2xl font-bold tracking-tight">Releases</h1>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {items.map((i) => (
          <div key={i.label} className="flex items-baseline gap-1.5">
            <dt className="text-zinc-500 dark:text-zinc-400">{i.label}</dt>
            <dd
              className={`font-semibold tabular-nums ${i.alarm && i.value > 0 ? "rounded bg-red-700 px-1.5 text-white" : ""}`}
            >
              {i.value}
            </dd>
          </div>
        ))}
      </dl>
      {canManage ? (
        <Link
          href="/releases/import"
          data-testid="import-plan-link"
          className={`ml-auto inline-flex h-8 items-center rounded-md border border-zinc-300 bg-white px-3 text-sm font-semibold tracking-wide text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
        >
          Import Markdown
        </Link>
      ) : null}
      {canManage ? (
        <Link
          href="/releases/new"
          data-testid="new-release-link"
          className={`inline-flex h-8 items-center rounded-md bg-sky-700 px-3 text-sm font-semibold tracking-wide text-white hover:bg-sky-800 dark:bg-sky-500 dark:text-zinc-950 dark:hover:bg-sky-400 ${focusRing}`}
        >
          New release
        </Link>
      ) : null}
    </div>
  );
}

function Group({ title, rows, now }: { title: string; rows: ReleaseSummary[]; now: number }) {
  return (
    <section aria-label={title} className="mb-6">
      <h2 className="mb-2 text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
        {title} <span className="tabular-nums">({rows.length})</span>
      </h2>
      <div className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900">
        <div
          aria-hidden="true"
          className={`hidden border-b border-zinc-200 bg-zinc-50 px-4 py-2 text-xs font-semibold text-zinc-500 md:grid dark:border-zinc-800 dark:bg-zinc-900/60 dark:text-zinc-400 ${ROW_GRID}`}
        >
          <span>Release</span>
          <span>Status</span>
          <span>Wave</span>
          <span className="text-right">Traffic</span>
          <span>Health</span>
          <span>In wave</span>
          <span>Commander</span>
        </div>
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <ReleaseRow key={r.id} release={r} now={now} />
          ))}
        </ul>
      </div>
    </section>
  );
}
