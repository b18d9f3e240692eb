// Says on the board what holds the release's forward steps (issue 25): a freeze or a closed release window, and a
// quarantine of its version. Stop commands are never held, and the banner says so.
"use client";
import { useState } from "react";
import { freezeHeadline, formatUntil } from "@/lib/freezes/client/freeze-text";
import { useLiftQuarantine } from "@/lib/freezes/client/use-freeze-changes";
import type { FreezeBlock, QuarantineBlock } from "@/lib/freezes/client/types";
import { Button } from "../ui/Button";
import { LockIcon, ShieldAlertIcon } from "../ui/icons";
import { ReasonDialog } from "./ReasonDialog";

export function FreezeBanner({ frozen, quarantined, now, isAdmin }: { frozen: FreezeBlock | null; quarantined: QuarantineBlock | null; now: number; isAdmin: boolean }) {
  // The server judged the freeze when it answered; once its end passes here, the banner goes (the view follows).
  const holding = frozen && (!frozen.until || new Date(frozen.until).getTime() > now) ? frozen : null;
  if (!holding && !quarantined) return null;
  return (
    <div className="flex flex-col gap-2">
      {holding ? (
        <div
          role="status"
          data-testid="freeze-banner"
          className="flex items-start gap-2 rounded-lg border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-950 dark:border-sky-800 dark:bg-sky-950/50 dark:text-sky-100"
        >
          <LockIcon className="mt-0.5 size-4 shrink-0" />
          <p className="min-w-0 break-words">
            <span className="font-semibold" suppressHydrationWarning>
              {freezeHeadline(holding, now)}
            </span>
            <span className="block text-sky-900/80 sm:inline dark:text-sky-200/80">
              {" "}
              START, CONTINUE, RESUME, RETRY and automatic promotion wait; PAUSE, ROLL BACK and STEP BACK still work.
              {isAdmin ? " An admin may break it for one command, with a reason." : ""}
            </span>
          </p>
        </div>
      ) : null}
      {quarantined ? <QuarantineNotice q={quarantined} now={now} isAdmin={isAdmin} /> : null}
    </div>
  );
}

function QuarantineNotice({ q, now, isAdmin }: { q: QuarantineBlock; now: number; isAdmin: boolean }) {
  const [lifting, setLifting] = useState(false);
  const lift = useLiftQuarantine();
  return (
    <div
      role="status"
      data-testid="quarantine-banner"
      className="flex flex-col gap-2 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950 sm:flex-row sm:items-start dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
    >
      <ShieldAlertIcon className="mt-0.5 hidden size-4 shrink-0 sm:block" />
      <p className="min-w-0 flex-1 break-words">
        <span className="font-semibold">Quarantined version: START is refused.</span>{" "}
        <span suppressHydrationWarning>
          It was rolled back in “{q.releaseName}” on {formatUntil(q.at, now)} by {q.by}: {q.reason}.
        </span>{" "}
        An admin lifts the quarantine with a reason; a new version is not held.
      </p>
      {isAdmin ? (
        <Button size="sm" variant="neutral" data-testid="lift-quarantine" onClick={() => setLifting(true)}>
          Lift quarantine
        </Button>
      ) : null}
      {lifting ? (
        <ReasonDialog
          title="Lift the quarantine"
          testId="lift-quarantine-dialog"
          confirmLabel="Lift"
          pending={lift.isPending}
          error={lift.error ? lift.error.message : null}
          onClose={() => setLifting(false)}
          onConfirm={(reason) => lift.mutate({ id: q.quarantineId, reason }, { onSuccess: () => setLifting(false) })}
        >
          <p className="text-sm">Releases of this version may START again once it is lifted. The lift and your reason go to the audit log.</p>
        </ReasonDialog>
      ) : null}
    </div>
  );
}
