// One webhook endpoint: where it points, what it receives, whether it is on (and why not), its delivery counts,
// and what an admin can do with it: enable or disable, rotate the secret, look at deliveries, delete.
"use client";
import { useState } from "react";
import { type CreatedEndpoint, type EndpointView, useDeleteWebhook, useRotateWebhookSecret, useUpdateWebhook } from "@/lib/webhooks/client/use-webhooks";
import { InlineError } from "../ui/InlineError";
import { rowButton, rowButtonDanger } from "./admin-styles";
import { DeliveryLog } from "./DeliveryLog";

export function WebhookCard({ endpoint, onRotated }: { endpoint: EndpointView; onRotated: (created: CreatedEndpoint) => void }) {
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [showLog, setShowLog] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const error = update.error ?? rotate.error ?? remove.error;
  const counts = endpoint.deliveries;

  return (
    <li className="flex flex-col gap-2 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="webhook-card">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <div className="min-w-0 flex-1">
          <p className="font-mono text-sm break-all">{endpoint.url}</p>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            {endpoint.kind === "slack" ? "Slack message" : "Standard Webhooks JSON"} ·{" "}
            {endpoint.events ? endpoint.events.map((e) => e.replaceAll("_", " ")).join(", ") : "every event"}
            {endpoint.releaseId ? ` · release ${endpoint.releaseId}` : endpoint.service ? ` · service ${endpoint.service}` : ""}
            {endpoint.description ? ` · ${endpoint.description}` : ""}
          </p>
        </div>
        <span
          className={`rounded px-1.5 py-0.5 text-xs font-semibold ${endpoint.enabled ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200" : "bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200"}`}
          data-testid="webhook-state"
        >
          {endpoint.enabled ? "Enabled" : "Disabled"}
        </span>
      </div>
      {!endpoint.enabled && endpoint.disabledReason ? <p className="text-xs text-amber-800 dark:text-amber-300">{endpoint.disabledReason}</p> : null}
      <div className="flex flex-wrap items-center gap-2 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
        {counts ? (
          <span>
            {counts.succeeded} delivered · {counts.pending} waiting · {counts.failed} failed
          </span>
        ) : null}
        <span>secret {endpoint.secretHint}</span>
        {endpoint.previousSecretExpiresAt ? <span>(previous secret valid until {new Date(endpoint.previousSecretExpiresAt).toLocaleString()})</span> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={rowButton} onClick={() => setShowLog(!showLog)} aria-expanded={showLog} data-testid="webhook-log-toggle">
          {showLog ? "Hide deliveries" : "Deliveries"}
        </button>
        <button type="button" className={rowButton} disabled={update.isPending} onClick={() => update.mutate({ id: endpoint.id, enabled: !endpoint.enabled })}>
          {endpoint.enabled ? "Disable" : "Enable"}
        </button>
        <button type="button" className={rowButton} disabled={rotate.isPending} onClick={() => rotate.mutate(endpoint.id, { onSuccess: onRotated })}>
          Rotate secret
        </button>
        {confirmDelete ? (
          <>
            <button type="button" className={rowButtonDanger} disabled={remove.isPending} onClick={() => remove.mutate(endpoint.id)}>
              Delete with its log
            </button>
            <button type="button" className={rowButton} onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className={rowButtonDanger} onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
      {error ? <InlineError message={error.message} testId="webhook-error" /> : null}
      {showLog ? <DeliveryLog endpointId={endpoint.id} enabled={endpoint.enabled} /> : null}
    </li>
  );
}
