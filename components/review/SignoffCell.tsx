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
  /** The signed-in person: with a quorum each person approves, rejects or withdraws their own decision. */
  myName,
}: {
  releaseId: string;
  wave: WaveView;
  role: string;
  cell: MatrixCell;
  changedAt: string | null;
  lockedBecause: string | null;
  myName?: string;
}) {
  const signoff = useSignoff(releaseId);
  const [rejecting, setRejecting] = useState(false);
  const d = DECISION[cell.decision];
  const busy = signoff.isPending;
  // Issue 26: one decision per person; the buttons act on the signed-in person's own (any one's, as before, with a
  // quorum of 1 and no name known).
  const mine = myName !== undefined ? (cell.signoffs.find((s) => s.by === myName) ?? null) : cell.signoff;
  const quorum = cell.needed > 1;
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
      {quorum && cell.decision !== "none" ? (
        <p data-testid="signoff-quorum" className="mt-0.5 text-xs font-semibold text-zinc-700 tabular-nums dark:text-zinc-300">
          {cell.approvals} of {cell.needed} sign-offs
        </p>
      ) : null}
      {(quorum ? cell.signoffs : cell.signoff ? [cell.signoff] : []).map((s) => (
        <div key={s.by} data-testid="signoff-given" data-by={s.by}>
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            {quorum ? <span className="font-semibold">{s.decision === "reject" ? "Rejected" : "Approved"} </span> : null}
            by <span className="break-all text-zinc-800 dark:text-zinc-200">{s.by}</span>
            {(quorum ? s.at : changedAt) ? (
              <>
                {" · "}
                <time dateTime={(quorum ? s.at : changedAt) ?? undefined} title={new Date((quorum ? s.at : changedAt) ?? "").toLocaleString()} className="tabular-nums">
                  {formatClock((quorum ? s.at : changedAt) ?? "")}
                </time>
              </>
            ) : null}
          </p>
          {s.doesNotCount ? (
            <p
              data-testid="signoff-does-not-count"
              className="mt-1 rounded border border-amber-300 bg-amber-50 px-1.5 py-1 text-xs break-words text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200"
            >
              {s.doesNotCount.charAt(0).toUpperCase() + s.doesNotCount.slice(1)}.
            </p>
          ) : null}
          {s.comment ? (
            <p className="mt-0.5 text-xs break-words text-zinc-700 italic dark:text-zinc-300">
              <span className="sr-only">Comment: </span>“{s.comment}”
            </p>
          ) : null}
        </div>
      ))}
      {cell.decision !== "none" ? (
        <div className="mt-1.5 flex flex-wrap gap-1 print:hidden">
          <button
            type="button"
            data-testid="signoff-approve"
            aria-label={`Approve ${where}`}
            title={lockedBecause ?? undefined}
            disabled={!!lockedBecause || busy || (quorum ? mine?.decision === "approve" : cell.decision === "approve")}
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
            disabled={!!lockedBecause || busy || (quorum ? mine?.decision === "reject" : cell.decision === "reject")}
            onClick={() => {
              signoff.reset();
              setRejecting(true);
            }}
            className={`${miniButton} ${miniTone.danger}`}
          >
            Reject…
          </button>
          {mine ? (
            <button
              type="button"
              data-testid="signoff-withdraw"
              aria-label={`Withdraw the ${mine.decision === "reject" ? "rejection" : "approval"} ${where}`}
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
