// Disabling locks a person out at their next request; it is undone with "Enable".
"use client";
import type { UserView } from "@/lib/auth/client/use-users";
import { useUpdateUser } from "@/lib/auth/client/use-update-user";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { InlineError } from "../ui/InlineError";

export function DisableUserDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const update = useUpdateUser();
  return (
    <ConfirmDialog
      title={`Disable ${user.email}?`}
      testId="user-disable-dialog"
      confirmLabel="Disable access"
      pendingLabel="Disabling…"
      confirmTestId="user-disable-confirm"
      pending={update.isPending}
      onConfirm={() => update.mutate({ id: user.id, disabled: true }, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p className="text-sm">
        They can no longer sign in, and a session they have open stops working on its next request. Their past checklist
        ticks and sign-offs stay in the audit trail. You can enable them again at any time.
      </p>
      {update.isError ? <InlineError message={update.error.message} testId="admin-error" /> : null}
    </ConfirmDialog>
  );
}
