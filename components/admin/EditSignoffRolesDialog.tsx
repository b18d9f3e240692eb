// Change which sign-offs a person may give. Takes effect on their next request.
"use client";
import { useState } from "react";
import type { UserView } from "@/lib/auth/client/use-users";
import { useUpdateUser } from "@/lib/auth/client/use-update-user";
import { Button } from "../ui/Button";
import { Dialog } from "../ui/Dialog";
import { DialogActions } from "../ui/DialogActions";
import { InlineError } from "../ui/InlineError";
import { SignoffRolesPicker } from "./SignoffRolesPicker";

export function EditSignoffRolesDialog({ user, known, onClose }: { user: UserView; known: string[]; onClose: () => void }) {
  const update = useUpdateUser();
  const [roles, setRoles] = useState<string[]>(user.signoffRoles);
  const unchanged = roles.length === user.signoffRoles.length && roles.every((r) => user.signoffRoles.includes(r));
  return (
    <Dialog title={`Sign-off roles of ${user.email}`} onClose={onClose} testId="user-signoff-dialog">
      <form
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (!unchanged && !update.isPending) update.mutate({ id: user.id, signoffRoles: roles }, { onSuccess: onClose });
        }}
      >
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A person may approve or reject a wave only in the sign-off roles they hold
          {user.role === "viewer" ? ", and only with the approver role or above (this person is a viewer)" : ""}.
        </p>
        <SignoffRolesPicker value={roles} onChange={setRoles} known={known} />
        {update.isError ? <InlineError message={update.error.message} testId="admin-error" /> : null}
        <DialogActions onCancel={onClose}>
          <Button type="submit" variant="primary" data-testid="user-signoff-save" disabled={unchanged || update.isPending}>
            {update.isPending ? "Saving…" : "Save sign-off roles"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
