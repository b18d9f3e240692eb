// Adds a webhook endpoint: URL, kind (JSON or Slack), which events, a note. The server checks the URL (no
// internal addresses unless allowed) and answers with the secret, shown once.
"use client";
import { type FormEvent, useState } from "react";
import { type CreatedEndpoint, useCreateWebhook } from "@/lib/webhooks/client/use-webhooks";
import { Button } from "../ui/Button";
import { InlineError } from "../ui/InlineError";
import { fieldClass, labelClass } from "./admin-styles";

/** The events people subscribe to most; an empty choice means every event. */
export const COMMON_EVENTS = ["started", "promoted", "completed", "paused", "resumed", "rolled_back", "retried", "breach", "escalated", "override", "traffic_hook_failed", "gate_check"];

export function CreateWebhookForm({ onCreated }: { onCreated: (created: CreatedEndpoint) => void }) {
  const create = useCreateWebhook();
  const [url, setUrl] = useState("");
  const [kind, setKind] = useState<"standard" | "slack">("standard");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>([]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { url: url.trim(), kind, ...(description.trim() ? { description: description.trim() } : {}), ...(events.length ? { events } : {}) },
      {
        onSuccess: (created) => {
          setUrl("");
          setDescription("");
          setEvents([]);
          onCreated(created);
        },
      },
    );
  };
  const toggle = (type: string) => setEvents((list) => (list.includes(type) ? list.filter((t) => t !== type) : [...list, type]));

  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800" data-testid="webhook-form">
      <div className="grid gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,2fr)]">
        <label className="flex flex-col gap-1">
          <span className={labelClass}>URL</span>
          <input className={fieldClass} type="url" required value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.example.com/tidegate" data-testid="webhook-url" />
        </label>
        <label className="flex flex-col gap-1">
          <span className={labelClass}>Format</span>
          <select className={fieldClass} value={kind} onChange={(e) => setKind(e.target.value as "standard" | "slack")} data-testid="webhook-kind">
            <option value="standard">Standard Webhooks (JSON)</option>
            <option value="slack">Slack message</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className={labelClass}>Description (optional)</span>
          <input className={fieldClass} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} placeholder="#release-room" />
        </label>
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className={labelClass}>Events {events.length === 0 ? "(none ticked: every event)" : `(${events.length})`}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {COMMON_EVENTS.map((type) => (
            <label key={type} className="inline-flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={events.includes(type)} onChange={() => toggle(type)} />
              {type.replaceAll("_", " ")}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center justify-between gap-2">
        {create.isError ? <InlineError message={create.error.message} testId="webhook-create-error" /> : <span />}
        <Button type="submit" variant="primary" size="sm" disabled={create.isPending || !url.trim()} data-testid="webhook-create">
          {create.isPending ? "Adding…" : "Add endpoint"}
        </Button>
      </div>
    </form>
  );
}
