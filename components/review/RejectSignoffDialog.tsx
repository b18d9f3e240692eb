// Rejecting a sign-off blocks the wave until it is withdrawn, so it needs a comment saying why.
"use client";
import { useId, useState } from "react";
import type { WaveView } from "@/lib/releases/client/types";
import { useSignoff } from "@/lib/releases/client/use-signoff";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { DialogActions } from "../ui/DialogActions";
import { CriticalIcon } from "../ui/icons";
import { InlineError } from "../ui/InlineError";
import { ReasonField } from "../ui/ReasonField";

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
        <ReasonField
          label="Comment"
          required
          value={comment}
          onChange={setComment}
          testId="review-reason"
          describedBy={hintId}
          placeholder="What has to change before you approve?"
        >
          <p id={hintId} className="min-h-[1rem] text-xs text-zinc-500 dark:text-zinc-400">
            {missing ? "A rejection needs a comment: the people who own the fix will read it." : ""}
          </p>
        </ReasonField>
        {signoff.isError ? <InlineError message={signoff.error.message} testId="review-error" /> : null}
        <DialogActions onCancel={onClose}>
          <Button type="submit" variant="danger" data-testid="review-submit" disabled={missing || signoff.isPending}>
            <CriticalIcon />
            {signoff.isPending ? "Sending…" : "Reject"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
