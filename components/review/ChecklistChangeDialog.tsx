// Waive an item (reason required), or record any allowed state with a reason and an evidence link.
// Metric-bound items only take "waived" or "open": their met / not met comes from live data.
"use client";
import { useId, useState } from "react";
import { metricBinding, stateOf, type ChecklistItemView } from "@/lib/releases/client/review-checklist";
import { useChecklistUpdate } from "@/lib/releases/client/use-checklist-update";
import type { ChecklistState } from "@/lib/releases/core/gates";
import { Button, focusRing } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { DialogActions } from "../ui/DialogActions";
import { inputClass } from "../ui/field-styles";
import { ShieldAlertIcon } from "../ui/icons";
import { InlineError } from "../ui/InlineError";
import { ReasonField } from "../ui/ReasonField";
import { STATE_META } from "./ChecklistStateBadge";

export type ChecklistDialogMode = "waive" | "evidence";

const HTTP_URL = /^https?:\/\/\S+$/i;

export function ChecklistChangeDialog({
  releaseId,
  item,
  mode,
  onClose,
}: {
  releaseId: string;
  item: ChecklistItemView;
  mode: ChecklistDialogMode;
  onClose: () => void;
}) {
  const update = useChecklistUpdate(releaseId);
  const auto = metricBinding(item) !== null;
  const allowed: ChecklistState[] = auto ? ["waived", "open"] : ["met", "not_met", "open", "waived"];
  const current = stateOf(item);
  const [state, setState] = useState<ChecklistState>(mode === "waive" ? "waived" : allowed.includes(current) ? current : "waived");
  // The server replaces reason and evidence on every change; starting from what is there keeps them unless edited.
  const [reason, setReason] = useState(mode === "waive" && current !== "waived" ? "" : (item.reason ?? ""));
  const [evidence, setEvidence] = useState(item.evidenceUrl ?? "");
  const evidenceId = useId();
  const hintId = useId();

  const reasonMissing = state === "waived" && reason.trim().length === 0;
  const evidenceBad = evidence.trim() !== "" && !HTTP_URL.test(evidence.trim());
  const blocked = reasonMissing || evidenceBad || update.isPending;

  return (
    <Dialog title={mode === "waive" ? "Waive this checklist item?" : "Record state, reason and evidence"} onClose={onClose} testId="review-dialog">
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (blocked) return;
          update.mutate({ itemId: item.id, state, reason, evidenceUrl: evidence }, { onSuccess: onClose });
        }}
      >
        <div>
          <p className="text-base font-semibold break-words">{item.text}</p>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            Owner: {item.ownerRole ?? "unassigned (commander)"} · now {STATE_META[current].label.toLowerCase()}
            {auto ? " · evaluated from live metrics" : ""}
          </p>
        </div>

        {mode === "waive" ? (
          <p className="flex items-start gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200">
            <ShieldAlertIcon className="mt-0.5 size-4" />
            A waived item no longer blocks the wave. The reason goes into the audit trail with your name.
          </p>
        ) : (
          <fieldset className="flex flex-col gap-1.5">
            <legend className="mb-1.5 text-sm font-medium">State</legend>
            <div className="flex flex-wrap gap-2">
              {allowed.map((s) => (
                <label
                  key={s}
                  className={`inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950/40 ${state === s ? "" : "border-zinc-300 dark:border-zinc-700"}`}
                >
                  <input
                    type="radio"
                    name="review-state"
                    value={s}
                    checked={state === s}
                    onChange={() => setState(s)}
                    data-testid={`review-state-${s}`}
                    className={`size-4 accent-sky-600 ${focusRing}`}
                  />
                  {STATE_META[s].icon}
                  {STATE_META[s].label}
                </label>
              ))}
            </div>
          </fieldset>
        )}

        <ReasonField
          required={state === "waived"}
          value={reason}
          onChange={setReason}
          testId="review-reason"
          describedBy={hintId}
          placeholder={state === "waived" ? "Why is it acceptable to go on without this?" : "Optional note for the audit trail"}
        />

        <div className="flex flex-col gap-1.5">
          <label htmlFor={evidenceId} className="text-sm font-medium">
            Evidence link <span className="text-zinc-500">(optional)</span>
          </label>
          <input
            id={evidenceId}
            type="url"
            inputMode="url"
            data-testid="review-evidence"
            value={evidence}
            onChange={(e) => setEvidence(e.target.value)}
            maxLength={2000}
            placeholder="https://…"
            aria-invalid={evidenceBad || undefined}
            aria-describedby={hintId}
            className={inputClass}
          />
        </div>

        <p id={hintId} className="min-h-[1rem] text-xs text-zinc-500 dark:text-zinc-400">
          {reasonMissing ? "A waiver needs a written reason." : evidenceBad ? "Evidence links must start with http:// or https://." : ""}
        </p>

        {update.isError ? <InlineError message={update.error.message} testId="review-error" /> : null}

        <DialogActions onCancel={onClose}>
          <Button type="submit" data-testid="review-submit" variant={state === "waived" ? "warning" : "primary"} disabled={blocked}>
            {update.isPending ? "Saving…" : state === "waived" ? "Waive item" : `Mark ${STATE_META[state].label.toLowerCase()}`}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
