// Recent admin actions (issue 21): who created or revoked tokens, added, re-roled or disabled people, and changed,
// rotated, deleted or replayed webhooks. Read-only; an entry that no longer reads shows its stored action.
"use client";
import { describeAdminAction } from "@/lib/audit/core/describe-admin-action";
import { useAdminAudit } from "@/lib/audit/client/use-admin-audit";
import { formatClock } from "@/lib/platform/browser/format-time";
import { Button } from "../ui/Button";
import { Panel } from "../ui/Panel";
import { LoadError } from "./LoadError";

export function AuditPanel() {
  const audit = useAdminAudit();
  const entries = audit.data?.pages.flatMap((p) => p.entries) ?? [];
  return (
    <Panel title="Admin activity" id="audit">
      {audit.isPending ? (
        <p role="status" className="text-sm text-zinc-500">
          Loading admin activity…
        </p>
      ) : audit.isError ? (
        <LoadError message={audit.error.message} onRetry={() => void audit.refetch()} />
      ) : entries.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 p-4 text-center text-sm text-zinc-500 dark:border-zinc-700">No admin actions yet.</p>
      ) : (
        <div className="flex flex-col gap-2">
          <ul className="flex flex-col divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="admin-audit">
            {entries.map((e) => (
              <li key={e.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2" data-action={e.action}>
                <time dateTime={e.at} className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                  {formatClock(e.at)}
                </time>
                <span className="font-medium">{e.actor.label}</span>
                <span>{describeAdminAction(e)}</span>
              </li>
            ))}
          </ul>
          {audit.hasNextPage ? (
            <div>
              <Button size="sm" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
                {audit.isFetchingNextPage ? "Loading…" : "Show older"}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </Panel>
  );
}
