// Rejecting a sign-off blocks the wave until it is withdrawn, so it needs a comment saying why.
"use client";
import { useId, useState } from "react";
import type { WaveView } from "@/lib/client/types";
import { useSignoff } from "@/lib/client/use-signoff";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { CriticalIcon } from "../ui/icons";
import { InlineError } from "./InlineError";
import { inputClass } from "./review-styles";

export function RejectSignoffDialog({
  releaseId,
  wave,
  role,
  onClose,
}: {
  releaseId: string;
  wave: WaveView;
  role: string;
  onClose: () => void;
}) {
  const signoff = useSignoff(releaseId);
  const [comment, setComment] = useState("");
  const commentId = useId();
  const hintId = useId();
  const missing = comment.trim().length === 0;

  return (
    <Dialog title={`Reject as ${role}?`} onClose={onClose} testId="review-dialog" tone="danger">
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (missing || signoff.isPending) return;
          signoff.mutate({ waveIndex: wave.index, role, decision: "reject", comment }, { onSuccess: onClose });
        }}
      >
        <p className="text-sm">
          Wave {wave.index + 1} “{wave.name}” ({wave.trafficPercent}%) cannot continue while this rejection stands. It is lifted
          by withdrawing it or approving instead.
        </p>
        <div className="flex flex-col gap-1.5">
          <label htmlFor={commentId} className="text-sm font-medium">
            Comment <span className="font-semibold text-red-700 dark:text-red-400">(required)</span>
          </label>
          <textarea
            id={commentId}
            data-testid="review-reason"
            data-autofocus
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            rows={3}
            maxLength={2000}
            required
            aria-describedby={hintId}
            className={inputClass}
            placeholder="What has to change before you approve?"
          />
          <p id={hintId} className="min-h-[1rem] text-xs text-zinc-500 dark:text-zinc-400">
            {missing ? "A rejection needs a comment: the people who own the fix will read it." : ""}
          </p>
        </div>
        {signoff.isError ? <InlineError message={signoff.error.message} /> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="danger" data-testid="review-submit" disabled={missing || signoff.isPending}>
            <CriticalIcon />
            {signoff.isPending ? "Sending…" : "Reject"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
