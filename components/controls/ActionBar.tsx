// The commands the release accepts now. Shown only when the server allows them. PAUSE and ROLL BACK stay available
// whenever this person may act: they go over HTTP and apply to whatever state they meet, so a dead socket never
// stands between a commander and the stop button. Forward commands (START, CONTINUE, RESUME, RETRY) wait until the
// board is provably current. CONTINUE says GO or NO-GO on its face, with the reason right beneath it.
"use client";
import { useEffect, useId, useState } from "react";
import { describeActionError, type ActionErrorText } from "@/lib/releases/client/describe-action-error";
import type { PendingAutoAction } from "@/lib/releases/client/auto-action";
import { gateItemText, gateKindLabel, stillUnmet } from "@/lib/releases/client/gate-items";
import type { CommandType, Me, ReleaseView } from "@/lib/releases/client/types";
import { hasPermission } from "@/lib/auth/client/use-me";
import { useReleaseAction } from "@/lib/releases/client/use-release-action";
import { Button } from "../ui/Button";
import { CheckCircleIcon, CriticalIcon, LockIcon } from "../ui/icons";
import { ACTION_META, ACTION_ORDER, isStopCommand } from "./action-meta";
import { ActionDone, ActionError } from "./ActionMessage";
import { ActionIcon } from "./ActionIcon";
import { ConfirmActionDialog } from "./ConfirmActionDialog";

const DONE_VISIBLE_MS = 8_000;
const GATE_ITEMS_INLINE = 3;

function capitalised(role: string) {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export function ActionBar({
  view,
  me,
  current,
  syncing,
  now,
  autoAction,
}: {
  view: ReleaseView;
  me: Me | undefined;
  /** The board shows the server's current state: live and synced, or freshly loaded with the socket still connecting. */
  current: boolean;
  /** Events arrived that the displayed view does not include yet. */
  syncing: boolean;
  now: number;
  /** A sustained critical breach counting down to its automatic action. */
  autoAction: PendingAutoAction | null;
}) {
  const send = useReleaseAction(view.id);
  // `seen` is the state the person decided on; after a refusal it follows the live board (null).
  const [open, setOpen] = useState<{ action: CommandType; seen: ReleaseView | null; refused: ActionErrorText | null } | null>(null);
  const [error, setError] = useState<ActionErrorText | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const hintId = useId();

  useEffect(() => {
    if (!done) return;
    const t = setTimeout(() => setDone(null), DONE_VISIBLE_MS);
    return () => clearTimeout(t);
  }, [done]);

  const actions = ACTION_ORDER.filter((a) => view.allowedActions.includes(a));
  const mayCommand = hasPermission(me, "command");
  const forwardBlockedBy = !me
    ? "Checking your permissions…"
    : !current
      ? "Not live: forward steps wait until the board is connected and current. PAUSE and ROLL BACK still work: they apply to whatever state they meet."
      : syncing
        ? "Updating to the latest state…"
        : null;
  const blockedFor = (a: CommandType) => (isStopCommand(a) ? (!me ? "Checking your permissions…" : null) : forwardBlockedBy);
  const hint = !me ? null : !mayCommand ? `${capitalised(me.user.role)}s can't act; commanders and admins can.` : forwardBlockedBy;
  const gateAction = view.gate && actions.includes(view.gate.action) ? view.gate.action : null;
  const unmet = gateAction ? stillUnmet(view.gate, now) : [];
  const noGo = gateAction !== null && unmet.length > 0;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Release actions">
        {actions.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {view.status === "completed" ? "The rollout is complete; nothing is left to do." : "No actions are available."}
          </p>
        ) : (
          actions.map((a) => {
            const gated = a === gateAction;
            return (
              <Button
                key={a}
                data-testid={`action-${a}`}
                data-gate={gated ? (noGo ? "no-go" : "go") : undefined}
                variant={gated && noGo ? "blocked" : ACTION_META[a].variant}
                size="lg"
                className={`min-w-[8.5rem] uppercase ${a === "rollback" ? "sm:ml-auto" : ""}`}
                disabled={!mayCommand || !!blockedFor(a) || send.isPending}
                aria-describedby={hint ? hintId : gated ? `${hintId}-gate` : undefined}
                onClick={() => {
                  setError(null);
                  setDone(null);
                  setOpen({ action: a, seen: view, refused: null });
                }}
              >
                {!mayCommand ? <LockIcon /> : gated && noGo ? <LockIcon /> : <ActionIcon action={a} />}
                {ACTION_META[a].label}
                {/* Issue 22: on a programme these act on every running track; each track has its own buttons. */}
                {view.tracks ? " all" : null}
                {gated ? (
                  <span
                    className={`rounded px-1.5 py-0.5 text-[0.7rem] font-bold tracking-wider ${
                      noGo ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-white/25"
                    }`}
                  >
                    {noGo ? "NO-GO" : "GO"}
                  </span>
                ) : null}
              </Button>
            );
          })
        )}
      </div>
      {gateAction ? <GateLine id={`${hintId}-gate`} unmet={unmet} action={gateAction} now={now} /> : null}
      {autoAction ? <AutoActionLine pending={autoAction} now={now} /> : null}
      {hint && actions.length ? (
        <p id={hintId} data-testid="action-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          {hint}
        </p>
      ) : null}
      {error ? <ActionError error={error} onDismiss={() => setError(null)} /> : null}
      {done ? <ActionDone text={done} /> : null}

      {open ? (
        <ConfirmActionDialog
          action={open.action}
          seen={open.seen ?? view}
          current={view}
          refused={open.refused}
          blockedBy={blockedFor(open.action)}
          boardCurrent={current}
          sending={send.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={({ reason, override, level, breakFreeze }) => {
            const seen = open.seen ?? view;
            const preview = seen.actionPreviews[open.action] ?? ACTION_META[open.action].label;
            send.mutate(
              { action: open.action, expectedVersion: seen.version, reason, override, level, breakFreeze },
              {
                onSuccess: () => {
                  setOpen(null);
                  setDone(`Done: ${preview}`);
                },
                onError: (e) => {
                  // Keep the dialog and the typed reason: the person reads why, looks at the new state, and
                  // sends again (against what is on the board now) or cancels. Nothing they wrote is lost.
                  setOpen({ action: open.action, seen: null, refused: describeActionError(e) });
                },
              },
            );
          }}
        />
      ) : null}
    </div>
  );
}

/** Go / no-go in one line right under the buttons, so on a phone the reason sits next to CONTINUE. */
function GateLine({ id, unmet, action, now }: { id: string; unmet: ReturnType<typeof stillUnmet>; action: CommandType; now: number }) {
  const word = ACTION_META[action].label.toUpperCase();
  if (unmet.length === 0) {
    return (
      <p id={id} data-testid="gate-line" data-open="true" className="flex items-center gap-1.5 text-sm font-semibold text-emerald-800 dark:text-emerald-300">
        <CheckCircleIcon className="size-4" /> GO: every gate for {word} is met.
      </p>
    );
  }
  const shown = unmet.slice(0, GATE_ITEMS_INLINE);
  return (
    <div id={id} data-testid="gate-line" data-open="false" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-950 dark:bg-red-950/40 dark:text-red-100">
      <p className="flex items-center gap-1.5 font-bold">
        <LockIcon className="size-4" /> NO-GO: {unmet.length} gate{unmet.length === 1 ? "" : "s"} unmet for {word}
        <a href="#gate" className="ml-auto text-xs font-semibold text-red-800 underline dark:text-red-200">
          all gates
        </a>
      </p>
      <ul className="mt-1 flex flex-col gap-0.5">
        {shown.map((u, i) => (
          <li key={i} className="break-words">
            <span className="font-semibold">{gateKindLabel(u.kind)}:</span> {gateItemText(u, now)}
          </li>
        ))}
        {unmet.length > shown.length ? <li className="text-xs">and {unmet.length - shown.length} more</li> : null}
      </ul>
    </div>
  );
}

/** Between a sustained critical breach and the guardrail's own action: how long until it acts. */
function AutoActionLine({ pending, now }: { pending: PendingAutoAction; now: number }) {
  const left = Math.ceil((pending.dueAt - now) / 1000);
  const verb = pending.action === "rollback" ? "Auto-rollback" : "Auto-pause";
  return (
    <p
      data-testid="auto-action-countdown"
      data-action={pending.action}
      role="timer"
      className="flex items-center gap-2 rounded-md bg-red-700 px-3 py-2 text-sm font-bold text-white dark:bg-red-600"
    >
      <CriticalIcon className="size-4" />
      {left > 0 ? (
        <span>
          {verb} in <span className="tabular-nums">{left} s</span>: {pending.label} is critical.
        </span>
      ) : (
        <span>{verb} due now: {pending.label} is critical; the guardrail acts on its next check.</span>
      )}
    </p>
  );
}
