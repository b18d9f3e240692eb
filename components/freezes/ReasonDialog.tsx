// Asks an admin for the written reason an audited change carries (ending a freeze, lifting a quarantine).
"use client";
import { useState, type ReactNode } from "react";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { DialogActions } from "../ui/DialogActions";
import { InlineError } from "../ui/InlineError";
import { ReasonField } from "../ui/ReasonField";

export function ReasonDialog({
  title,
  testId,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const [reason, setReason] = useState("");
  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <div className="flex flex-col gap-4">
        {children}
        <ReasonField required value={reason} onChange={setReason} testId={`${testId}-reason`} placeholder="Why, for the audit log" />
        {error ? <InlineError message={error} testId={`${testId}-error`} /> : null}
        <DialogActions onCancel={onClose}>
          <Button variant="primary" data-testid={`${testId}-confirm`} disabled={pending || reason.trim() === ""} onClick={() => onConfirm(reason.trim())}>
            {pending ? "Saving…" : confirmLabel}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
