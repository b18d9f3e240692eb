// Incidents and alerts in counts, plus the last issue: the sketch's "0 CRITICAL · 1 WARNING · Last issue".
import { formatAgo, formatClock } from "@/lib/client/format-time";
import { lastIssue } from "@/lib/client/last-issue";
import type { AlertView, EventView } from "@/lib/client/types";
import { CheckCircleIcon, CriticalIcon, QuestionIcon, WarningIcon } from "../ui/icons";
import { Panel } from "../ui/Panel";

export function IncidentSummary({ alerts, events, now }: { alerts: AlertView[]; events: EventView[]; now: number }) {
  const critical = alerts.filter((a) => a.level === "critical").length;
  const warning = alerts.filter((a) => a.level === "warning").length;
  const noData = alerts.filter((a) => a.level === "inconclusive").length;
  const issue = lastIssue(alerts, events);
  return (
    <Panel title="Incidents and alerts" id="incidents">
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-[auto_auto_1fr]">
        <div data-testid="incident-critical" data-count={critical}>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Incidents</dt>
          <dd className={`flex items-center gap-1.5 text-lg font-bold tabular-nums ${critical ? "text-red-700 dark:text-red-400" : ""}`}>
            {critical ? <CriticalIcon className="size-5" /> : <CheckCircleIcon className="size-5 text-emerald-600" />}
            {critical} CRITICAL
          </dd>
        </div>
        <div data-testid="incident-warning" data-count={warning}>
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Alerts</dt>
          <dd className={`flex items-center gap-1.5 text-lg font-bold tabular-nums ${warning ? "text-amber-700 dark:text-amber-400" : ""}`}>
            {warning ? <WarningIcon className="size-5" /> : <CheckCircleIcon className="size-5 text-emerald-600" />}
            {warning} WARNING
            {noData ? (
              <span className="ml-1 inline-flex items-center gap-1 text-sm font-semibold text-zinc-500">
                <QuestionIcon className="size-4" />
                {noData} NO DATA
              </span>
            ) : null}
          </dd>
        </div>
        <div className="col-span-2 min-w-0 sm:col-span-1">
          <dt className="text-xs text-zinc-500 dark:text-zinc-400">Last issue</dt>
          <dd className="text-sm" data-testid="last-issue">
            {issue ? (
              <>
                <span className="break-words">{issue.text}</span>{" "}
                <span className="text-zinc-500 tabular-nums dark:text-zinc-400" title={formatClock(issue.at, now)}>
                  ({formatAgo(issue.at, now)})
                </span>
              </>
            ) : (
              "None"
            )}
          </dd>
        </div>
      </dl>
      {alerts.length ? (
        <ul className="mt-3 flex flex-col gap-1 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800" aria-label="Open alerts">
          {alerts.slice(0, 6).map((a) => (
            <li key={a.id} className="flex items-start gap-2">
              {a.level === "critical" ? (
                <CriticalIcon className="mt-0.5 size-4 text-red-600" />
              ) : a.level === "warning" ? (
                <WarningIcon className="mt-0.5 size-4 text-amber-600" />
              ) : (
                <QuestionIcon className="mt-0.5 size-4 text-zinc-500" />
              )}
              <span className="min-w-0 break-words">
                <span className="font-semibold">{a.metric}</span> {a.level}: {a.detail}{" "}
                <span className="text-zinc-500 tabular-nums dark:text-zinc-400">since {formatClock(a.openedAt, now)}</span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
