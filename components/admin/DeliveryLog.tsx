// An endpoint's recent deliveries: what was sent, what the receiver answered (first 1 kB), how long it took, and
// replay for any of them (same webhook-id, so a receiver that has it already can drop it).
"use client";
import { useState } from "react";
import { formatClock } from "@/lib/platform/browser/format-time";
import { type DeliveryView, useReplayDelivery, useWebhookDeliveries } from "@/lib/webhooks/client/use-webhook-deliveries";
import { InlineError } from "../ui/InlineError";
import { rowButton } from "./admin-styles";

const STATUS_STYLE: Record<string, string> = {
  succeeded: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  pending: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

function answerOf(d: DeliveryView): string {
  if (d.lastStatus !== null) return `HTTP ${d.lastStatus}${d.lastLatencyMs !== null ? ` · ${d.lastLatencyMs} ms` : ""}`;
  return d.lastError ?? "not sent yet";
}

export function DeliveryLog({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const deliveries = useWebhookDeliveries(endpointId);
  const replay = useReplayDelivery(endpointId);
  const [open, setOpen] = useState<string | null>(null);
  if (deliveries.isPending) return <p className="text-sm text-zinc-500">Loading deliveries…</p>;
  if (deliveries.isError) return <InlineError message={deliveries.error.message} testId="deliveries-error" />;
  if (deliveries.data.length === 0) return <p className="text-sm text-zinc-500">No deliveries yet: events matching this endpoint appear here.</p>;
  return (
    <div className="flex flex-col gap-2">
      {replay.isError ? <InlineError message={replay.error.message} testId="replay-error" /> : null}
      <ul className="flex flex-col divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="delivery-log">
        {deliveries.data.map((d) => (
          <li key={d.id} className="flex flex-col gap-1 py-2">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${STATUS_STYLE[d.status] ?? ""}`}>{d.status}</span>
              <span className="font-medium">{d.eventType.replaceAll("_", " ")}</span>
              <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {formatClock(d.eventAt)} · {d.attempts} attempt{d.attempts === 1 ? "" : "s"} · {answerOf(d)}
                {d.nextAttemptAt ? ` · next try ${formatClock(d.nextAttemptAt)}` : ""}
              </span>
              <span className="ml-auto flex gap-2">
                <button type="button" className={rowButton} onClick={() => setOpen(open === d.id ? null : d.id)} aria-expanded={open === d.id}>
                  {open === d.id ? "Hide" : "Details"}
                </button>
                <button
                  type="button"
                  className={rowButton}
                  disabled={!enabled || replay.isPending}
                  title={enabled ? "Send again now, with the same webhook-id" : "Enable the endpoint to replay"}
                  onClick={() => replay.mutate(d.id)}
                  data-testid="replay"
                >
                  Replay
                </button>
              </span>
            </div>
            {open === d.id ? (
              <div className="flex flex-col gap-1 rounded bg-zinc-50 p-2 text-xs dark:bg-zinc-950">
                <span className="font-mono break-all">webhook-id {d.id}</span>
                {d.attemptLog.map((a, i) => (
                  <div key={`${a.at}-${i}`} className="flex flex-col">
                    <span className="tabular-nums">
                      {formatClock(a.at)} {a.trigger}: {a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? "no answer")} in {a.latencyMs} ms
                    </span>
                    {a.responseBody ? <code className="font-mono break-all whitespace-pre-wrap text-zinc-600 dark:text-zinc-400">{a.responseBody}</code> : null}
                  </div>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
