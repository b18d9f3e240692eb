// Issue 22: a programme's tracks side by side, each with its own state, waves, what blocks it and its own commands
// (START, CONTINUE, PAUSE, RESUME, ROLLBACK, RETRY), sent with the track's key and the version the person saw.
"use client";
import { useState } from "react";
import { describeActionError } from "@/lib/releases/client/describe-action-error";
import { trackState, trackNames } from "@/lib/releases/core/track-line";
import type { CommandType, ReleaseView } from "@/lib/releases/client/types";
import { useReleaseAction } from "@/lib/releases/client/use-release-action";
import { useApprovePromotion } from "@/lib/stages/client/use-approve-promotion";
import { Button, type ButtonVariant } from "../ui/Button";
import { StatusBadge } from "../ui/StatusBadge";

type TrackView = NonNullable<ReleaseView["tracks"]>[number];

const FILL: Record<string, string> = {
  done: "bg-emerald-500",
  active: "bg-sky-500",
  paused: "bg-amber-400",
  rolled_back: "bg-red-600",
  pending: "bg-zinc-200 dark:bg-zinc-700",
};

const LABEL: Partial<Record<CommandType, string>> = {
  start: "Start",
  continue: "Continue",
  pause: "Pause",
  resume: "Resume",
  rollback: "Roll back",
  retry: "Retry",
  step_back: "Step back",
};

const VARIANT: Partial<Record<CommandType, ButtonVariant>> = { rollback: "danger", pause: "warning", step_back: "retreat" };

export function TrackLanes({ view, canCommand, canApprove = false, current }: { view: ReleaseView; canCommand: boolean; canApprove?: boolean; current: boolean }) {
  const tracks = view.tracks ?? [];
  const names = trackNames(tracks);
  return (
    <section aria-label="Tracks" className="grid gap-4" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 19rem), 1fr))" }}>
      {tracks.map((t, i) => (
        <TrackLane key={t.key} index={i} track={t} view={view} stateText={trackState(t, names)} canCommand={canCommand} canApprove={canApprove} current={current} />
      ))}
    </section>
  );
}

function TrackLane({
  track,
  index,
  view,
  stateText,
  canCommand,
  canApprove,
  current,
}: { track: TrackView; index: number; view: ReleaseView; stateText: string; canCommand: boolean; canApprove: boolean; current: boolean }) {
  const action = useReleaseAction(view.id);
  const approve = useApprovePromotion(view.id);
  const [confirming, setConfirming] = useState<CommandType | null>(null);
  const unmet = track.gate?.unmet ?? [];
  const send = (a: CommandType) => {
    setConfirming(null);
    action.mutate({ action: a, expectedVersion: view.version, track: track.key, reason: a === "rollback" ? `Roll back ${track.name}` : undefined });
  };
  const headingId = `track-${track.key}-title`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="track-lane"
      data-track={track.key}
      data-status={track.status}
      className="flex min-w-0 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">
            {track.environment ? `Stage ${index + 1} · ${track.environment}` : `Track ${index + 1} · ${track.kind === "step" ? "step" : "ramp"}`}
          </p>
          <h2 id={headingId} className="truncate text-lg font-bold text-zinc-900 dark:text-zinc-50">
            {track.name}
          </h2>
        </div>
        <StatusBadge status={track.status} size="sm" />
      </header>

      {track.kind === "ramp" && track.status !== "draft" ? (
        <p className="text-3xl font-black tabular-nums text-zinc-900 dark:text-zinc-50" data-testid="track-state">
          {track.trafficPercent}%
        </p>
      ) : (
        // Not a share: a short word, the reason (when waiting) is in the box below.
        <p className="text-xl font-bold text-zinc-700 dark:text-zinc-200" data-testid="track-state">
          {track.waitingFor ? "Waiting" : stateText.charAt(0).toUpperCase() + stateText.slice(1)}
        </p>
      )}
      {track.waitingFor ? (
        <p
          className={`rounded-md px-3 py-2 text-sm ${track.promotionBlocked ? "bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200"}`}
          data-testid="track-waiting"
        >
          {track.waitingFor}
        </p>
      ) : null}
      {track.environment && track.status === "draft" && (track.approvals.length > 0 || canApprove) ? (
        <div className="flex flex-wrap items-center gap-2 text-sm text-zinc-600 dark:text-zinc-300" data-testid="stage-approvals">
          {track.approvals.length ? <span>Approved by {track.approvals.map((a) => a.by).join(", ")}</span> : null}
          {canApprove ? (
            <Button size="sm" variant="neutral" disabled={approve.isPending || !current} onClick={() => approve.mutate({ stage: track.key })} data-testid="approve-promotion">
              Approve promotion into {track.environment}
            </Button>
          ) : null}
        </div>
      ) : null}
      {approve.error ? <ActionError error={approve.error} /> : null}

      {track.kind === "ramp" ? (
        <ol className="flex gap-1" aria-label={`Waves of ${track.name}`}>
          {track.waves.map((w) => (
            <li key={w.index} className="flex min-w-0 flex-1 flex-col gap-1">
              <div className={`h-2 rounded-full ${FILL[w.status] ?? FILL.pending}`} aria-hidden="true" />
              <span
                className={`truncate text-xs tabular-nums ${w.index === track.currentWaveIndex && track.status !== "draft" ? "font-bold text-zinc-900 dark:text-zinc-50" : "text-zinc-500 dark:text-zinc-400"}`}
              >
                {w.trafficPercent}%<span className="sr-only"> {w.name} ({w.status.replace("_", " ")})</span>
              </span>
            </li>
          ))}
        </ol>
      ) : null}

      {unmet.length > 0 && track.gate ? (
        <div className="text-sm">
          <p className="font-semibold text-zinc-700 dark:text-zinc-200">
            {unmet.length} gate{unmet.length === 1 ? "" : "s"} before {track.gate.action === "start" ? "START" : "CONTINUE"}
          </p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-zinc-600 dark:text-zinc-300">
            {unmet.slice(0, 4).map((u) => (
              <li key={u.message} className="break-words">
                {u.message}
              </li>
            ))}
            {unmet.length > 4 ? <li>and {unmet.length - 4} more</li> : null}
          </ul>
        </div>
      ) : null}

      {canCommand && track.allowedActions.length > 0 ? (
        <div className="mt-auto flex flex-wrap gap-2" role="group" aria-label={`Commands for ${track.name}`}>
          {confirming ? (
            <>
              <Button variant="danger" size="sm" onClick={() => send(confirming)} disabled={action.isPending || !current}>
                Confirm: {LABEL[confirming]} {track.name}
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
                Cancel
              </Button>
            </>
          ) : (
            track.allowedActions.map((a) => {
              const forward = a === "start" || a === "continue";
              const blocked = forward && unmet.length > 0;
              return (
                <Button
                  key={a}
                  size="sm"
                  variant={blocked ? "blocked" : (VARIANT[a] ?? "primary")}
                  title={(track.actionPreviews as Record<string, string>)[a]}
                  disabled={action.isPending || !current || blocked || (a === "start" && !!track.waitingFor)}
                  onClick={() => (a === "rollback" ? setConfirming(a) : send(a))}
                  data-testid={`track-action-${a}`}
                >
                  {LABEL[a] ?? a}
                </Button>
              );
            })
          )}
        </div>
      ) : null}
      {action.error ? <ActionError error={action.error} /> : null}
    </section>
  );
}

function ActionError({ error }: { error: unknown }) {
  const text = describeActionError(error);
  return (
    <div role="alert" className="text-sm text-red-700 dark:text-red-300">
      <p className="font-semibold">{text.title}</p>
      {text.lines.length ? (
        <ul className="list-disc pl-5">
          {text.lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
