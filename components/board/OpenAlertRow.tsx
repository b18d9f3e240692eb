// One open guardrail alert: what is wrong since when, and who has acknowledged it ("seen, on it") or the button to.
"use client";
import { formatAgo, formatClock } from "@/lib/platform/browser/format-time";
import type { AlertView, MetricLevel } from "@/lib/releases/client/types";
import { useAcknowledgeAlert } from "@/lib/releases/client/use-acknowledge-alert";
import { Button } from "../ui/Button";
import { CheckCircleIcon } from "../ui/icons";
import { InlineError } from "../ui/InlineError";
import { LevelChip } from "../ui/LevelChip";

export function OpenAlertRow({
  releaseId,
  alert,
  now,
  canAcknowledge,
  live,
  hintId,
}: {
  releaseId: string;
  alert: AlertView;
  now: number;
  /** The person holds the `command` permission. */
  canAcknowledge: boolean;
  /** Acknowledging waits, like every action, until the board is connected and current. */
  live: boolean;
  /** The note saying why the button is disabled, when it is. */
  hintId?: string;
}) {
  const ack = useAcknowledgeAlert(releaseId);
  const ackAt = alert.acknowledgedAt;
  // The detail starts with the metric ("error_rate 5.15% > warning 5%"), which the row already shows in bold.
  const detail = alert.detail.startsWith(`${alert.metric} `) ? alert.detail.slice(alert.metric.length + 1) : alert.detail;
  return (
    <li
      data-testid="alert-row"
      data-alert-id={alert.id}
      data-acknowledged={ackAt !== null}
      className="flex flex-col gap-1.5 py-2 first:pt-0 last:pb-0"
    >
      {/* On a phone the button wraps under the text rather than squeezing it into a narrow column. */}
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1.5">
        <div className="min-w-[15rem] flex-1">
          <p className="break-words">
            <span className="mr-1.5 align-[1px]">
              <LevelChip level={alert.level as MetricLevel} />
            </span>
            <span className="font-semibold">{alert.metric}</span> {detail}{" "}
            <span className="text-zinc-500 tabular-nums dark:text-zinc-400">since {formatClock(alert.openedAt, now)}</span>
          </p>
          {ackAt ? (
            <p data-testid="alert-acknowledged" className="mt-0.5 flex items-start gap-1 text-xs text-zinc-600 dark:text-zinc-400">
              <CheckCircleIcon className="mt-px size-3.5 text-emerald-600" />
              <span>
                Acknowledged by <span className="font-semibold text-zinc-800 dark:text-zinc-200">{alert.acknowledgedBy ?? "someone"}</span>{" "}
                <span className="tabular-nums">
                  at {formatClock(ackAt, now)} ({formatAgo(ackAt, now)})
                </span>
              </span>
            </p>
          ) : (
            <p className="mt-0.5 text-xs font-medium text-amber-800 dark:text-amber-300">Not acknowledged yet</p>
          )}
        </div>
        {canAcknowledge && !ackAt ? (
          <Button
            size="sm"
            data-testid="alert-ack"
            disabled={!live || ack.isPending}
            aria-describedby={!live ? hintId : undefined}
            onClick={() => ack.mutate(alert.id)}
          >
            {ack.isPending ? "Acknowledging…" : "Acknowledge"}
          </Button>
        ) : null}
      </div>
      {ack.isError ? <InlineError message={ack.error.message} testId="alert-error" /> : null}
    </li>
  );
}
