// The incident record on the board: what happened, how bad, who to call, the timeline from the log; commanders
// edit it, anyone copies it as Markdown for a status page or a chat.
"use client";
import { useState } from "react";
import { formatClock } from "@/lib/platform/browser/format-time";
import { useReleaseIncidents, type IncidentView } from "@/lib/incidents/client/use-release-incidents";
import { fmtPercent } from "@/lib/releases/core/percent";
import { Button } from "../ui/Button";
import { Panel } from "../ui/Panel";
import { EditIncidentDialog } from "./EditIncidentDialog";
import { IncidentStatusChip, SeverityChip } from "./IncidentChips";

export function IncidentPanel({ releaseId, canEdit }: { releaseId: string; canEdit: boolean }) {
  const incidents = useReleaseIncidents(releaseId);
  const list = incidents.data ?? [];
  if (list.length === 0) return null;
  const [latest, ...earlier] = list;
  return (
    <Panel title={latest.status === "resolved" ? "Incident (resolved)" : "Incident"} id="incident">
      <IncidentRecord releaseId={releaseId} incident={latest} canEdit={canEdit} />
      {earlier.length ? (
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          {earlier.length} earlier incident{earlier.length === 1 ? "" : "s"} on this release: see the{" "}
          <a className="underline" href={`/releases/${encodeURIComponent(releaseId)}/report`}>
            report
          </a>
          .
        </p>
      ) : null}
    </Panel>
  );
}

function IncidentRecord({ releaseId, incident, canEdit }: { releaseId: string; incident: IncidentView; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [copy, setCopy] = useState<{ state: "idle" | "copied" | "shown"; text?: string }>({ state: "idle" });
  const markdownUrl = `/api/releases/${encodeURIComponent(releaseId)}/incidents/${encodeURIComponent(incident.id)}?format=markdown`;

  const copyMarkdown = async () => {
    const text = await fetch(markdownUrl, { credentials: "same-origin" }).then((r) => r.text());
    try {
      await navigator.clipboard.writeText(text);
      setCopy({ state: "copied", text });
    } catch {
      // No clipboard (an insecure origin, a denied permission): show the text to copy by hand.
      setCopy({ state: "shown", text });
    }
  };

  return (
    <div data-testid="incident" data-incident-id={incident.id} data-status={incident.status} data-severity={incident.severity} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityChip severity={incident.severity} />
        <IncidentStatusChip status={incident.status} />
        <h3 className="min-w-0 flex-1 text-sm font-semibold break-words" data-testid="incident-title">
          {incident.title}
        </h3>
      </div>
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
        <dt className="text-zinc-500 dark:text-zinc-400">Started</dt>
        <dd>{formatClock(Date.parse(incident.startedAt))}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Affected</dt>
        <dd>up to {fmtPercent(incident.affectedPercent)} of traffic</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Contact</dt>
        <dd className="break-words" data-testid="incident-contact">
          {incident.contact}
        </dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Impact</dt>
        <dd className="break-words">{incident.impact || "—"}</dd>
        <dt className="text-zinc-500 dark:text-zinc-400">Next steps</dt>
        <dd className="break-words">{incident.nextSteps || "—"}</dd>
      </dl>
      <details className="text-sm" open={incident.status !== "resolved"}>
        <summary className="cursor-pointer font-medium">Timeline ({incident.timeline.length})</summary>
        <ol className="mt-2 flex flex-col gap-1" data-testid="incident-timeline">
          {incident.timeline.map((t) => (
            <li key={t.seq} data-testid="incident-timeline-entry" data-kind={t.kind} data-seq={t.seq} className="grid grid-cols-[4.5rem_6.5rem_minmax(0,1fr)] gap-2 max-sm:grid-cols-[4.5rem_minmax(0,1fr)]">
              <span className="font-mono text-xs text-zinc-500 tabular-nums dark:text-zinc-400">{formatClock(Date.parse(t.at))}</span>
              <span className="text-xs font-semibold tracking-wide uppercase max-sm:hidden">{t.kind.replaceAll("_", " ")}</span>
              <span className="break-words">
                <span className="text-xs font-semibold uppercase sm:hidden">{t.kind.replaceAll("_", " ")}: </span>
                {t.text}
              </span>
            </li>
          ))}
        </ol>
      </details>
      <div className="flex flex-wrap gap-2">
        {canEdit ? (
          <Button size="sm" onClick={() => setEditing(true)} data-testid="incident-edit">
            Edit incident
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={() => void copyMarkdown()} data-testid="incident-copy-markdown">
          {copy.state === "copied" ? "Copied" : "Copy as Markdown"}
        </Button>
      </div>
      {copy.state === "shown" ? (
        <textarea readOnly className="h-40 w-full rounded-md border border-zinc-300 p-2 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-950" value={copy.text} aria-label="Incident as Markdown" />
      ) : null}
      {editing ? <EditIncidentDialog releaseId={releaseId} incident={incident} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
