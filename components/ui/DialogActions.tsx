// The foot of every dialog: Cancel, then the one button that does the thing (stacked on phones, the action on top).
import type { ReactNode } from "react";
import { Button } from "./Button";

export function DialogActions({
  onCancel,
  focusCancel = false,
  children,
}: {
  onCancel: () => void;
  /** Start on Cancel rather than on a field: for confirmations whose action is hard to take back. */
  focusCancel?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <Button onClick={onCancel} data-autofocus={focusCancel ? "" : undefined}>
        Cancel
      </Button>
      {children}
    </div>
  );
}
