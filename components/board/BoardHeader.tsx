// The release's identity and state at a glance: name, what ships, status and health, big.
import Link from "next/link";
import type { ReleaseView } from "@/lib/releases/client/types";
import { usePlanSource } from "@/lib/plans/client/use-plan-source";
import { focusRing } from "../ui/Button";
import { HealthBadge } from "../ui/HealthBadge";
import { ClipboardIcon, MonitorIcon } from "../ui/icons";
import { StatusBadge } from "../ui/StatusBadge";

const linkClass = `inline-flex items-center gap-1.5 rounded-md border border-zinc-300 px-2.5 py-1 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800 ${focusRing}`;

export function BoardHeader({ view }: { view: ReleaseView }) {
  const id = encodeURIComponent(view.id);
  // Only an imported release has a document: the view says so, so no 404 is asked for (and logged) for the others.
  const source = usePlanSource(view.id, view.hasSource);
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
      <div className="min-w-0">
        <h1 className="text-2xl font-bold tracking-tight break-words uppercase sm:text-3xl">
          {view.name} <span className="text-zinc-500 dark:text-zinc-400">– rollout</span>
        </h1>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          {view.service} <span className="font-mono">{view.serviceVersion}</span>
          <span className="mx-2 text-zinc-300 dark:text-zinc-700">|</span>
          Commander: <span className="font-medium text-zinc-800 dark:text-zinc-200">{view.commander ?? "none yet"}</span>
        </p>
        <AppliedPolicies view={view} />
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={view.status} size="lg" testId="release-status" />
        <HealthBadge health={view.health} status={view.status} size="lg" testId="health-badge" />
        <Link href={`/releases/${id}/status`} className={linkClass} data-testid="link-status-screen">
          <MonitorIcon />
          Status screen
        </Link>
        <Link href={`/releases/${id}/review`} prefetch={false} className={linkClass} data-testid="link-review">
          <ClipboardIcon />
          Review
        </Link>
        <Link href={`/releases/${id}/report`} prefetch={false} className={linkClass} data-testid="link-report">
          Report
        </Link>
        {source.data ? (
          <Link href={`/releases/${id}/source`} prefetch={false} className={linkClass} data-testid="link-source">
            Source document
          </Link>
        ) : null}
      </div>
    </div>
  );
}

/** Issue 26: the release policies it was created under (as they were then), and whether approvers must be others. */
export function AppliedPolicies({ view }: { view: Pick<ReleaseView, "policies" | "separateApprover"> }) {
  if (view.policies.length === 0 && !view.separateApprover) return null;
  return (
    <p data-testid="applied-policies" className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
      {view.policies.length > 0 ? <span>Policies:</span> : null}
      {view.policies.map((p) => (
        <span key={p.id} className="rounded bg-violet-100 px-1.5 py-0.5 font-medium text-violet-900 dark:bg-violet-950 dark:text-violet-200" title="As it was when this release was created">
          {p.name}
        </span>
      ))}
      {view.separateApprover ? (
        <span className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">Separate approver required</span>
      ) : null}
    </p>
  );
}
