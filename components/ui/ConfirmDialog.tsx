// "Are you sure?" for a step that is hard to take back: what will happen, Cancel focused, one red button that does it.
"use client";
import type { ReactNode } from "react";
import { Button } from "./Button";
import { Dialog } from "./Dialog";
import { DialogActions } from "./DialogActions";

export function ConfirmDialog({
  title,
  testId,
  confirmLabel,
  pendingLabel,
  confirmTestId,
  pending,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  testId: string;
  confirmLabel: string;
  /** The button's words while the request is under way ("Revoking…"). */
  pendingLabel: string;
  confirmTestId: string;
  pending: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** What will happen, and the server's refusal if there was one. */
  children: ReactNode;
}) {
  return (
    <Dialog title={title} onClose={onClose} tone="danger" testId={testId}>
      <div className="flex flex-col gap-4">
        {children}
        <DialogActions onCancel={onClose} focusCancel>
          <Button variant="danger" data-testid={confirmTestId} disabled={pending} onClick={onConfirm}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </DialogActions>
      </div>
    </Dialog>
  );
}
