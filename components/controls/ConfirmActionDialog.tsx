// Confirms one command against the state the person saw when they opened it: exactly what will happen,
// what gates are unmet (with an explicit, reasoned override), and a reason for the audit trail.
"use client";
import { useId, useState } from "react";
import { gateItemText, gateKindLabel, ownerLabel, stillUnmet } from "@/lib/releases/client/gate-items";
import type { ActionErrorText } from "@/lib/releases/client/describe-action-error";
import type { CommandType, ReleaseView } from "@/lib/releases/client/types";
import { useNow } from "@/lib/platform/browser/use-now";
import { formatDuration } from "@/lib/releases/core/gates";
import { Button, focusRing } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { DialogActions } from "../ui/DialogActions";
import { ShieldAlertIcon, WarningIcon } from "../ui/icons";
import { ReasonField } from "../ui/ReasonField";
import { ACTION_META, isStopCommand, QUICK_REASONS } from "./action-meta";
import { ActionIcon } from "./ActionIcon";

export interface ConfirmInput {
  reason: string;
  override: boolean;
  /** ROLLBACK with plan v2 rollback levels: which level, 1-based. */
  level?: number;
  /** Issue 25: the unmet gates include a freeze: the override also breaks it (admins only; the server checks). */
  breakFreeze?: boolean;
}

export function ConfirmActionDialog({
  action,
  seen,
  current,
  refused,
  blockedBy,
  boardCurrent,
  sending,
  onCancel,
  onConfirm,
}: {
  action: CommandType;
  /** The release as it was when the dialog opened: what the person is agreeing to. */
  seen: ReleaseView;
  /** The release as the board shows it now. */
  current: ReleaseView;
  /** Why the last send was refused; the dialog stays open with the typed reason. */
  refused: ActionErrorText | null;
  /** Why sending is impossible right now (not live, syncing), or null. */
  blockedBy: string | null;
  /** Whether the board is live and current; stop commands are sent either way. */
  boardCurrent: boolean;
  sending: boolean;
  onCancel: () => void;
  onConfirm: (input: ConfirmInput) => void;
}) {
  const meta = ACTION_META[action];
  const now = useNow(1000);
  const [reason, setReason] = useState("");
  const [override, setOverride] = useState(false);
  // Plan v2: ROLLBACK asks which rollback level is carried out (default the first, the lightest).
  const levels = action === "rollback" ? (seen.plan.rollback?.levels ?? []) : [];
  const [level, setLevel] = useState(1);
  const hintId = useId();
  const levelId = useId();

  // RESUME and RETRY are gated on open critical breaches; CONTINUE and START on the full gate.
  const breachGated = (action === "resume" || action === "retry") && seen.breachGate.unmet.length > 0;
  const gated = seen.gate?.action === action || breachGated;
  const unmet = breachGated ? seen.breachGate.unmet : gated ? stillUnmet(seen.gate, now) : [];
  const overriding = override && gated;
  // A freeze is passed only by an admin breaking it, with the same reason (issue 25).
  const frozen = unmet.some((u) => u.kind === "freeze");
  const needsReason = meta.reasonRequired || overriding;
  const reasonMissing = needsReason && reason.trim().length === 0;
  // With unmet gates the server refuses unless overridden: sending without choosing the override cannot succeed.
  const overrideMissing = gated && unmet.length > 0 && !override;
  const stillAllowed = current.allowedActions.includes(action);
  // The server checks a command against the status, wave and run the person saw, not against bookkeeping.
  const moved = current.status !== seen.status || current.currentWaveIndex !== seen.currentWaveIndex || current.run !== seen.run;
  const stopCommand = isStopCommand(action);
  const quick = QUICK_REASONS[action] ?? [];
  const updated = !moved && current.version !== seen.version;
  const preview = seen.actionPreviews[action] ?? `${meta.label} the release`;

  return (
    <Dialog title={meta.question} onClose={onCancel} testId="confirm-dialog" tone={action === "rollback" ? "danger" : "default"}>
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!reasonMissing && !overrideMissing && !blockedBy && !sending && stillAllowed) onConfirm({ reason, override: overriding, ...(levels.length ? { level } : {}), ...(overriding && frozen ? { breakFreeze: true } : {}) });
        }}
      >
        <div>
          <p className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">What will happen</p>
          <p data-testid="confirm-preview" className="mt-1 text-base font-semibold">
            {preview}
          </p>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {seen.name} · checked against board revision #{seen.version}
          </p>
        </div>

        {action === "retry" ? <RetryWarning release={seen} /> : null}

        {stopCommand && !boardCurrent ? (
          <p data-testid="confirm-not-live" className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:bg-amber-950/40 dark:text-amber-100">
            <WarningIcon className="mt-0.5 size-4 shrink-0" />
            The board is not live, so it may be behind. {meta.label} is sent over HTTP anyway and applies to whatever state the release is in now.
          </p>
        ) : null}

        {refused && stillAllowed ? (
          <div role="alert" data-testid="confirm-refused" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100">
            <p className="flex items-start gap-2 font-semibold">
              <WarningIcon className="mt-0.5 size-4 shrink-0" />
              <span className="break-words">{refused.title}</span>
            </p>
            {refused.lines.map((l, i) => (
              <p key={i} className="mt-1 break-words">
                {l}
              </p>
            ))}
            <p className="mt-1 text-xs">Your reason is kept below. Send again against the board as it is now, or cancel.</p>
          </div>
        ) : null}

        {!stillAllowed || moved ? (
          <p role="alert" className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
            <WarningIcon className="mt-0.5 size-4 shrink-0" />
            {!stillAllowed
              ? `The release is now ${current.status.replace("_", " ")}: ${meta.label.toLowerCase()} is no longer possible. Cancel and check the board.`
              : stopCommand
                ? `The release moved while this was open (now ${current.status.replace("_", " ")}, wave ${current.currentWaveIndex + 1}). ${meta.label} still applies.`
                : `The release moved while this was open (now ${current.status.replace("_", " ")}, wave ${current.currentWaveIndex + 1}). Sending will be refused; check the board first.`}
          </p>
        ) : updated ? (
          <p data-testid="confirm-updated" className="text-xs text-zinc-600 dark:text-zinc-400">
            Checklist, sign-off or alert updates arrived while this was open (now revision #{current.version}); they do not block this
            {action === "continue" ? ", and the server checks the gates again when you send" : ""}.
          </p>
        ) : null}

        {gated && unmet.length > 0 ? (
          <div className="rounded-md border border-amber-400 bg-amber-50/60 p-3 dark:border-amber-700 dark:bg-amber-950/30">
            <p className="text-sm font-semibold">
              {unmet.length} gate{unmet.length === 1 ? " is" : "s are"} not met. The server will refuse unless you override.
            </p>
            <ul className="mt-2 flex flex-col gap-1 text-sm" data-testid="confirm-unmet">
              {unmet.map((u, i) => (
                <li key={i} className="border-t border-amber-200 pt-1 first:border-t-0 first:pt-0 dark:border-amber-900">
                  <div className="flex flex-wrap items-baseline justify-between gap-x-2 text-xs text-zinc-600 dark:text-zinc-400">
                    <span className="font-semibold uppercase">{gateKindLabel(u.kind)}</span>
                    <span>{ownerLabel(u)}</span>
                  </div>
                  <div className="break-words tabular-nums">{gateItemText(u, now)}</div>
                </li>
              ))}
            </ul>
            <label className="mt-3 flex items-start gap-2 text-sm font-semibold">
              <input
                type="checkbox"
                data-testid="confirm-override"
                checked={override}
                onChange={(e) => setOverride(e.target.checked)}
                className={`mt-0.5 size-4 accent-amber-500 ${focusRing}`}
              />
              <span className="flex items-center gap-1">
                <ShieldAlertIcon className="size-4 text-amber-600" />
                {frozen
                  ? "Override the unmet gates and break the freeze for this one command (admins only; recorded in the audit trail; needs a reason)"
                  : "Override the unmet gates (recorded in the audit trail; needs a reason)"}
              </span>
            </label>
          </div>
        ) : gated ? (
          <p className="text-sm text-emerald-800 dark:text-emerald-300">Every gate for this step is met.</p>
        ) : null}

        {levels.length > 0 ? (
          <div className="flex flex-col gap-1">
            <label htmlFor={levelId} className="text-sm font-semibold">
              Rollback level
            </label>
            <select
              id={levelId}
              data-testid="confirm-level"
              value={level}
              onChange={(e) => setLevel(Number(e.target.value))}
              className={`rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm dark:border-zinc-700 dark:bg-zinc-900 ${focusRing}`}
            >
              {levels.map((l, k) => (
                <option key={k} value={k + 1}>
                  Level {k + 1}: {l.name} ({l.scope}
                  {l.objectiveSeconds ? `, within ${formatDuration(l.objectiveSeconds)}` : ""})
                </option>
              ))}
            </select>
            <p className="text-xs text-zinc-500 dark:text-zinc-400">Traffic goes to 0% either way; the level's steps become a checklist on the board.</p>
          </div>
        ) : null}

        {quick.length ? (
          <div>
            <p className="mb-1.5 text-sm font-medium">Common reasons</p>
            <div className="flex flex-wrap gap-1.5" data-testid="quick-reasons">
              {quick.map((q) => (
                <button
                  key={q}
                  type="button"
                  data-testid="quick-reason"
                  aria-pressed={reason === q}
                  onClick={() => setReason(q)}
                  className={`rounded-full border px-3 py-1 text-sm ${focusRing} ${
                    reason === q
                      ? "border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900"
                      : "border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200 dark:hover:bg-zinc-800"
                  }`}
                >
                  {q}
                </button>
              ))}
            </div>
          </div>
        ) : null}

        <ReasonField
          required={needsReason}
          value={reason}
          onChange={setReason}
          testId="confirm-reason"
          describedBy={hintId}
          placeholder={needsReason ? "Why? This goes into the audit trail." : "Optional note for the audit trail"}
        >
          <p id={hintId} className="min-h-[1.25rem] text-xs text-zinc-500 dark:text-zinc-400">
            {blockedBy ??
              (overrideMissing
                ? "The gates above are unmet: choose Override to send anyway, or cancel."
                : reasonMissing
                  ? overriding
                    ? "An override needs a written reason."
                    : quick.length
                      ? `A ${meta.label.toLowerCase()} needs a reason: pick one above or write your own.`
                      : `A ${meta.label.toLowerCase()} needs a written reason.`
                  : "")}
          </p>
        </ReasonField>

        <DialogActions onCancel={onCancel}>
          <Button
            type="submit"
            data-testid="confirm-submit"
            variant={overriding ? "warning" : overrideMissing ? "blocked" : meta.variant}
            disabled={reasonMissing || overrideMissing || !!blockedBy || sending || !stillAllowed}
          >
            {overriding ? <ShieldAlertIcon /> : <ActionIcon action={action} />}
            {sending
              ? "Sending…"
              : !stillAllowed
                ? "Not possible now"
                : overriding
                  ? `Override and ${meta.label.toLowerCase()}`
                  : overrideMissing
                    ? `${meta.label}: NO-GO`
                    : meta.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** RETRY starts a new run: what was ticked and signed for the old one does not carry over. Said before, not discovered after. */
function RetryWarning({ release }: { release: ReleaseView }) {
  const items = [...release.preChecklist, ...release.waves.flatMap((w) => w.checklist)].filter((c) => c.state !== "open").length;
  const signoffs = release.waves.reduce((n, w) => n + w.signoffs.length, 0);
  const now = (n: number, none: string) => (n === 0 ? none : `${n} now`);
  return (
    <p data-testid="retry-warning" role="note" className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100">
      <WarningIcon className="mt-0.5 size-4 shrink-0" />
      <span>
        Retry starts a new run: it <b>reopens every ticked checklist item</b> ({now(items, "none ticked yet")}) and{" "}
        <b>withdraws every sign-off</b> ({now(signoffs, "none given yet")}). They must be ticked and given again before each wave.
      </span>
    </p>
  );
}
