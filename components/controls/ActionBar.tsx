// The commands the release accepts now. Shown only when the server allows them; disabled, with the reason
// in words, when this person may not act or the board is not provably current.
"use client";
import { useEffect, useId, useState } from "react";
import { describeActionError, type ActionErrorText } from "@/lib/client/describe-action-error";
import type { ConnectionState } from "@/lib/client/connection-store";
import type { CommandType, Me, ReleaseView } from "@/lib/client/types";
import { hasPermission } from "@/lib/client/use-me";
import { useReleaseAction } from "@/lib/client/use-release-action";
import { Button } from "../ui/Button";
import { LockIcon } from "../ui/icons";
import { ACTION_META, ACTION_ORDER } from "./action-meta";
import { ActionDone, ActionError } from "./ActionMessage";
import { ActionIcon } from "./ActionIcon";
import { ConfirmActionDialog } from "./ConfirmActionDialog";

const DONE_VISIBLE_MS = 8_000;

function capitalised(role: string) {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export function ActionBar({
  view,
  me,
  live,
  syncing,
}: {
  view: ReleaseView;
  me: Me | undefined;
  live: ConnectionState;
  /** Events arrived that the displayed view does not include yet. */
  syncing: boolean;
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
  const blockedBy = !me
    ? "Checking your permissions…"
    : live !== "live"
      ? "Not live: actions wait until the board is connected and current."
      : syncing
        ? "Updating to the latest state…"
        : null;
  const hint = !me ? null : !mayCommand ? `${capitalised(me.user.role)}s can't act; commanders and admins can.` : blockedBy;

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Release actions">
        {actions.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {view.status === "completed" ? "The rollout is complete; nothing is left to do." : "No actions are available."}
          </p>
        ) : (
          actions.map((a) => (
            <Button
              key={a}
              data-testid={`action-${a}`}
              variant={ACTION_META[a].variant}
              size="lg"
              className={`min-w-[8.5rem] uppercase ${a === "rollback" ? "sm:ml-auto" : ""}`}
              disabled={!mayCommand || !!blockedBy || send.isPending}
              aria-describedby={hint ? hintId : undefined}
              onClick={() => {
                setError(null);
                setDone(null);
                setOpen({ action: a, seen: view, refused: null });
              }}
            >
              {mayCommand ? <ActionIcon action={a} /> : <LockIcon />}
              {ACTION_META[a].label}
            </Button>
          ))
        )}
      </div>
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
          blockedBy={blockedBy}
          sending={send.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={({ reason, override, level }) => {
            const seen = open.seen ?? view;
            const preview = seen.actionPreviews[open.action] ?? ACTION_META[open.action].label;
            send.mutate(
              { action: open.action, expectedVersion: seen.version, reason, override, level },
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
