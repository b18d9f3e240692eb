// The controls on one checklist item: met / not met / open at one click, waive and evidence through a dialog.
// Disabled (with the reason in a hint) for people without the checklist permission and, for met / not met,
// on items that evaluate themselves from live metrics.
"use client";
import { useState } from "react";
import { metricBinding, stateOf, type ChecklistItemView } from "@/lib/releases/client/review-checklist";
import { useChecklistUpdate } from "@/lib/releases/client/use-checklist-update";
import type { ChecklistState } from "@/lib/releases/core/gates";
import { InlineError } from "../ui/InlineError";
import { ChecklistChangeDialog, type ChecklistDialogMode } from "./ChecklistChangeDialog";
import { miniButton, miniTone } from "./review-styles";

const AUTO_HINT = "Evaluated from live metrics: it can only be waived or reopened";

const DIRECT: { state: ChecklistState; label: string; testId: string }[] = [
  { state: "met", label: "Met", testId: "checklist-met" },
  { state: "not_met", label: "Not met", testId: "checklist-not-met" },
  { state: "open", label: "Open", testId: "checklist-open" },
];

export function ChecklistItemActions({
  releaseId,
  item,
  canTick,
  readOnlyHintId,
}: {
  releaseId: string;
  item: ChecklistItemView;
  canTick: boolean;
  readOnlyHintId: string;
}) {
  const update = useChecklistUpdate(releaseId);
  const [dialog, setDialog] = useState<ChecklistDialogMode | null>(null);
  const state = stateOf(item);
  const auto = metricBinding(item) !== null;
  const busy = update.isPending;
  const describedBy = canTick ? undefined : readOnlyHintId;

  return (
    <div className="flex flex-col items-start gap-1.5 xl:items-end">
      <div className="flex flex-wrap items-center gap-1 sm:gap-1.5">
        <div role="group" aria-label={`Set the state of “${item.text}”`} className="inline-flex gap-1">
          {DIRECT.map((d) => {
            const pressed = state === d.state;
            const autoBlocked = auto && d.state !== "open";
            return (
              <button
                key={d.state}
                type="button"
                data-testid={d.testId}
                aria-pressed={pressed}
                aria-describedby={describedBy}
                title={autoBlocked ? AUTO_HINT : pressed ? `Already ${d.label.toLowerCase()}` : undefined}
                disabled={!canTick || busy || pressed || autoBlocked}
                onClick={() => {
                  update.reset();
                  update.mutate({ itemId: item.id, state: d.state });
                }}
                className={`${miniButton} ${pressed ? miniTone.pressed : miniTone.neutral}`}
              >
                {d.label}
              </button>
            );
          })}
        </div>
        {/* The two dialog buttons wrap together, so a phone shows two tidy rows. */}
        <div className="inline-flex gap-1">
          <button
            type="button"
            data-testid="checklist-waive"
            aria-describedby={describedBy}
            disabled={!canTick || busy}
            onClick={() => setDialog("waive")}
            className={`${miniButton} ${miniTone.neutral}`}
          >
            Waive…
          </button>
          <button
            type="button"
            data-testid="checklist-evidence"
            aria-describedby={describedBy}
            disabled={!canTick || busy || auto}
            title={auto ? "Auto-evaluated items take a reason and evidence only with a waiver" : "Record a state with a reason and an evidence link"}
            onClick={() => setDialog("evidence")}
            className={`${miniButton} ${miniTone.neutral}`}
          >
            Evidence…
          </button>
        </div>
      </div>
      {busy ? (
        <p role="status" className="text-xs text-zinc-500 dark:text-zinc-400">
          Saving…
        </p>
      ) : null}
      {update.isError ? <InlineError message={update.error.message} testId="review-error" /> : null}
      {dialog ? <ChecklistChangeDialog releaseId={releaseId} item={item} mode={dialog} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}
