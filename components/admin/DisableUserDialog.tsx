// Disabling locks a person out at their next request; it is undone with "Enable".
"use client";
import type { UserView } from "@/lib/client/use-users";
import { useUpdateUser } from "@/lib/client/use-update-user";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { FormError } from "./FormError";

export function DisableUserDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const update = useUpdateUser();
  return (
    <Dialog title={`Disable ${user.email}?`} onClose={onClose} tone="danger" testId="user-disable-dialog">
      <div className="flex flex-col gap-4">
        <p className="text-sm">
          They can no longer sign in, and a session they have open stops working on its next request. Their past checklist
          ticks and sign-offs stay in the audit trail. You can enable them again at any time.
        </p>
        {update.isError ? <FormError message={update.error.message} /> : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button
            variant="danger"
            data-testid="user-disable-confirm"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: user.id, disabled: true }, { onSuccess: onClose })}
          >
            {update.isPending ? "Disabling…" : "Disable access"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
