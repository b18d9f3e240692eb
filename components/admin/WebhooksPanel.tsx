// Webhook endpoints: where Tidegate's events go (signed JSON or Slack messages), with their delivery logs.
"use client";
import { useState } from "react";
import { type CreatedEndpoint, useWebhooks } from "@/lib/webhooks/client/use-webhooks";
import { Panel } from "../ui/Panel";
import { CreateWebhookForm } from "./CreateWebhookForm";
import { LoadError } from "./LoadError";
import { WebhookCard } from "./WebhookCard";
import { WebhookSecret } from "./WebhookSecret";

export function WebhooksPanel() {
  const endpoints = useWebhooks();
  const [shown, setShown] = useState<{ created: CreatedEndpoint; rotated: boolean } | null>(null);
  return (
    <Panel
      title="Webhooks"
      id="webhooks"
      actions={endpoints.data ? <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{endpoints.data.filter((e) => e.enabled).length} enabled</span> : null}
    >
      <div className="flex flex-col gap-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every matching event is delivered once to each endpoint, signed (Standard Webhooks), retried for about three days when the receiver fails, and
          logged. Slack endpoints get a message with links to the board; actions stay behind sign-in.
        </p>
        <CreateWebhookForm onCreated={(created) => setShown({ created, rotated: false })} />
        {shown ? <WebhookSecret key={shown.created.secret} secret={shown.created.secret} url={shown.created.url} rotated={shown.rotated} onDismiss={() => setShown(null)} /> : null}
        {endpoints.isPending ? (
          <p role="status" className="text-sm text-zinc-500">
            Loading endpoints…
          </p>
        ) : endpoints.isError ? (
          <LoadError message={endpoints.error.message} onRetry={() => void endpoints.refetch()} />
        ) : endpoints.data.length === 0 ? (
          <p className="rounded-md border border-dashed border-zinc-300 p-4 text-center text-sm text-zinc-500 dark:border-zinc-700">No webhook endpoints yet.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {endpoints.data.map((e) => (
              <WebhookCard key={e.id} endpoint={e} onRotated={(created) => setShown({ created, rotated: true })} />
            ))}
          </ul>
        )}
      </div>
    </Panel>
  );
}
