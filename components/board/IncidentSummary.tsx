// Incidents and alerts in counts, plus the last issue: the sketch's "0 CRITICAL · 1 WARNING · Last issue";
// below, the open alerts, each with who acknowledged it.
"use client";
import { useId } from "react";
import { formatAgo, formatClock } from "@/lib/platform/browser/format-time";
import { lastIssue } from "@/lib/releases/client/last-issue";
import type { AlertView, EventView } from "@/lib/releases/client/types";
import { CheckCircleIcon, CriticalIcon, QuestionIcon, WarningIcon } from "../ui/icons";
import { Panel } from "../ui/Panel";
import { OpenAlertRow } from "./OpenAlertRow";

const SHOWN_ALERTS = 6;

export function IncidentSummary({
  releaseId,
  alerts,
  events,
  now,
  canAcknowledge,
  live,
}: {
  releaseId: string;
  alerts: AlertView[];
  events: EventView[];
  now: number;
  /** The person may acknowledge alerts (the `command` permission). */
  canAcknowledge: boolean;
  live: boolean;
}) {
  const hintId = useId();
  const critical = alerts.filter((a) => a.level === "critical").length;
  const warning = alerts.filter((a) => a.level === "warning").length;
  const noData = alerts.filter((a) => a.level === "inconclusive").length;
  const issue = lastIssue(alerts, events);
  const shown = alerts.slice(0, SHOWN_ALERTS);
  const waiting = canAcknowledge && !live && shown.some((a) => a.acknowledgedAt === null);
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
          {/* Wraps on a phone: "0 WARNING" and "2 NO DATA" side by side overflow a half-width column at 390 px. */}
          <dd className={`flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-lg font-bold tabular-nums ${warning ? "text-amber-700 dark:text-amber-400" : ""}`}>
            {warning ? <WarningIcon className="size-5" /> : <CheckCircleIcon className="size-5 text-emerald-600" />}
            {warning} WARNING
            {noData ? (
              <span className="inline-flex items-center gap-1 whitespace-nowrap text-sm font-semibold text-zinc-500">
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
        <div className="mt-3 border-t border-zinc-200 pt-3 text-sm dark:border-zinc-800">
          <ul className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800" aria-label="Open alerts">
            {shown.map((a) => (
              <OpenAlertRow key={a.id} releaseId={releaseId} alert={a} now={now} canAcknowledge={canAcknowledge} live={live} hintId={hintId} />
            ))}
          </ul>
          {waiting ? (
            <p id={hintId} className="mt-2 text-xs text-zinc-600 dark:text-zinc-400">
              Not live: acknowledging waits until the board is connected and current.
            </p>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}
