// One wave x role cell: the decision in words (by whom, when, the comment) and, for a person holding the
// role, approve / reject / withdraw. Everyone else sees the same controls disabled, with the reason as a hint.
"use client";
import { useState, type ReactNode } from "react";
import { formatClock } from "@/lib/platform/browser/format-time";
import type { MatrixCell } from "@/lib/releases/client/signoff-matrix";
import type { WaveView } from "@/lib/releases/client/types";
import { useSignoff } from "@/lib/releases/client/use-signoff";
import { CheckCircleIcon, CriticalIcon, HourglassIcon } from "../ui/icons";
import { InlineError } from "../ui/InlineError";
import { RejectSignoffDialog } from "./RejectSignoffDialog";
import { miniButton, miniTone } from "./review-styles";

const DECISION: Record<MatrixCell["decision"], { label: string; tone: string; icon: ReactNode }> = {
  approve: { label: "Approved", tone: "text-emerald-800 dark:text-emerald-300", icon: <CheckCircleIcon className="size-4" /> },
  reject: { label: "Rejected", tone: "text-red-800 dark:text-red-300", icon: <CriticalIcon className="size-4" /> },
  pending: { label: "Waiting", tone: "text-amber-900 dark:text-amber-200", icon: <HourglassIcon className="size-4" /> },
  none: { label: "Not required", tone: "text-zinc-400 dark:text-zinc-500", icon: null },
};

export function SignoffCell({
  releaseId,
  wave,
  role,
  cell,
  changedAt,
  /** Why this person cannot act on the cell, or null if they can. */
  lockedBecause,
}: {
  releaseId: string;
  wave: WaveView;
  role: string;
  cell: MatrixCell;
  changedAt: string | null;
  lockedBecause: string | null;
}) {
  const signoff = useSignoff(releaseId);
  const [rejecting, setRejecting] = useState(false);
  const d = DECISION[cell.decision];
  const busy = signoff.isPending;
  const where = wave.index === -1 ? `as ${role} before start` : wave.index === -2 ? `as ${role} for hypercare` : `as ${role} for wave ${wave.index + 1}`;
  const send = (decision: "approve" | "withdraw") => {
    signoff.reset();
    signoff.mutate({ waveIndex: wave.index, role, decision });
  };

  return (
    <td
      data-testid="signoff-cell"
      data-wave={wave.index}
      data-role={role}
      data-decision={cell.decision}
      className={`border-t border-zinc-200 px-3 py-2 align-top dark:border-zinc-800 max-md:block max-md:border-t-0 max-md:px-0 max-md:py-1.5 print:border-zinc-400 ${cell.decision === "none" ? "max-md:hidden" : ""}`}
    >
      <p className="text-xs font-semibold text-zinc-500 md:hidden dark:text-zinc-400">{role}</p>
      <p className={`flex items-center gap-1.5 text-sm font-semibold ${d.tone}`}>
        {d.icon}
        {cell.decision === "none" ? <span className="text-xs font-normal">—<span className="sr-only"> {d.label}</span></span> : d.label}
      </p>
      {cell.signoff ? (
        <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
          by <span className="break-all text-zinc-800 dark:text-zinc-200">{cell.signoff.by}</span>
          {changedAt ? (
            <>
              {" · "}
              <time dateTime={changedAt} title={new Date(changedAt).toLocaleString()} className="tabular-nums">
                {formatClock(changedAt)}
              </time>
            </>
          ) : null}
        </p>
      ) : null}
      {cell.signoff?.doesNotCount ? (
        <p
          data-testid="signoff-does-not-count"
          className="mt-1 rounded border border-amber-300 bg-amber-50 px-1.5 py-1 text-xs break-words text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200"
        >
          {cell.signoff.doesNotCount.charAt(0).toUpperCase() + cell.signoff.doesNotCount.slice(1)}.
        </p>
      ) : null}
      {cell.signoff?.comment ? (
        <p className="mt-0.5 text-xs break-words text-zinc-700 italic dark:text-zinc-300">
          <span className="sr-only">Comment: </span>“{cell.signoff.comment}”
        </p>
      ) : null}
      {cell.decision !== "none" ? (
        <div className="mt-1.5 flex flex-wrap gap-1 print:hidden">
          <button
            type="button"
            data-testid="signoff-approve"
            aria-label={`Approve ${where}`}
            title={lockedBecause ?? undefined}
            disabled={!!lockedBecause || busy || cell.decision === "approve"}
            onClick={() => send("approve")}
            className={`${miniButton} ${miniTone.approve}`}
          >
            Approve
          </button>
          <button
            type="button"
            data-testid="signoff-reject"
            aria-label={`Reject ${where}`}
            title={lockedBecause ?? undefined}
            disabled={!!lockedBecause || busy || cell.decision === "reject"}
            onClick={() => {
              signoff.reset();
              setRejecting(true);
            }}
            className={`${miniButton} ${miniTone.danger}`}
          >
            Reject…
          </button>
          {cell.signoff ? (
            <button
              type="button"
              data-testid="signoff-withdraw"
              aria-label={`Withdraw the ${cell.decision === "reject" ? "rejection" : "approval"} ${where}`}
              title={lockedBecause ?? undefined}
              disabled={!!lockedBecause || busy}
              onClick={() => send("withdraw")}
              className={`${miniButton} ${miniTone.neutral}`}
            >
              Withdraw
            </button>
          ) : null}
        </div>
      ) : null}
      {busy ? (
        <p role="status" className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          Sending…
        </p>
      ) : null}
      {signoff.isError ? (
        <div className="mt-1.5">
          <InlineError message={signoff.error.message} testId="review-error" />
        </div>
      ) : null}
      {rejecting ? <RejectSignoffDialog releaseId={releaseId} wave={wave} role={role} onClose={() => setRejecting(false)} /> : null}
    </td>
  );
}
