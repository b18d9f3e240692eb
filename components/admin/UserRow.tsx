// One person: who they are, their role (changed with an explicit save), sign-off roles, and access.
// Admins cannot change their own role or lock themselves out; another admin can.
"use client";
import { useId, useState } from "react";
import type { UserView } from "@/lib/auth/client/use-users";
import { useUpdateUser } from "@/lib/auth/client/use-update-user";
import { ROLES, type Role } from "@/lib/auth/core/roles";
import { CheckCircleIcon, LockIcon } from "../ui/icons";
import { InlineError } from "../ui/InlineError";
import { cellClass, fieldClass, phoneLabel, rowButton, rowButtonDanger } from "./admin-styles";
import { DisableUserDialog } from "./DisableUserDialog";
import { EditSignoffRolesDialog } from "./EditSignoffRolesDialog";
import { ROLE_TEXT } from "./role-text";

const SELF_HINT = "You cannot change your own role or access; another admin can.";

export function UserRow({ user, isSelf, knownSignoffRoles }: { user: UserView; isSelf: boolean; knownSignoffRoles: string[] }) {
  const update = useUpdateUser();
  // A select changes on arrow keys; sending on every change could grant a role by accident, so saving is explicit.
  const [draftRole, setDraftRole] = useState<Role | null>(null);
  const [dialog, setDialog] = useState<"signoff" | "disable" | null>(null);
  const roleId = useId();
  const role = (draftRole ?? user.role) as Role;
  const dirty = draftRole !== null && draftRole !== user.role;

  return (
    <tr
      data-testid="user-row"
      data-user-id={user.id}
      data-email={user.email}
      data-role={user.role}
      data-disabled={user.disabled}
      className={`border-t border-zinc-200 dark:border-zinc-800 max-md:block max-md:py-2 ${user.disabled ? "text-zinc-500 dark:text-zinc-500" : ""}`}
    >
      <td className={`${cellClass} min-w-0`}>
        <span className="block font-semibold break-all">{user.email}</span>
        {user.name && user.name !== user.email ? <span className="block text-xs text-zinc-500 dark:text-zinc-400">{user.name}</span> : null}
        {isSelf ? <span className="text-xs font-semibold text-sky-700 dark:text-sky-400">you</span> : null}
      </td>
      <td className={cellClass}>
        <label htmlFor={roleId} className={phoneLabel}>
          Role
        </label>
        <div className="flex flex-wrap items-center gap-1.5">
          <select
            id={roleId}
            data-testid="user-role"
            aria-label={`Role of ${user.email}`}
            value={role}
            disabled={isSelf || update.isPending}
            title={isSelf ? SELF_HINT : ROLE_TEXT[role]}
            onChange={(e) => setDraftRole(e.target.value as Role)}
            className={`${fieldClass} h-8 w-auto disabled:opacity-60`}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          {dirty ? (
            <>
              <button
                type="button"
                className={`${rowButton} border-sky-700 bg-sky-700 text-white hover:bg-sky-800 dark:border-sky-500 dark:bg-sky-500 dark:text-zinc-950 dark:hover:bg-sky-400`}
                data-testid="user-role-save"
                disabled={update.isPending}
                onClick={() => update.mutate({ id: user.id, role }, { onSuccess: () => setDraftRole(null) })}
              >
                {update.isPending ? "Saving…" : "Save"}
              </button>
              <button type="button" className={rowButton} onClick={() => setDraftRole(null)} disabled={update.isPending}>
                Cancel
              </button>
            </>
          ) : null}
        </div>
        {dirty ? <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{ROLE_TEXT[role]}</p> : null}
      </td>
      <td className={cellClass}>
        <span className={phoneLabel}>Sign-off roles: </span>
        <div className="flex flex-wrap items-center gap-1">
          {user.signoffRoles.length ? (
            user.signoffRoles.map((r) => (
              <span key={r} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-medium text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">
                {r}
              </span>
            ))
          ) : (
            <span className="text-xs text-zinc-500 dark:text-zinc-400">none</span>
          )}
          <button
            type="button"
            className={rowButton}
            data-testid="user-signoff-edit"
            aria-label={`Edit sign-off roles of ${user.email}`}
            onClick={() => setDialog("signoff")}
          >
            Edit…
          </button>
        </div>
      </td>
      <td className={cellClass}>
        <span className={phoneLabel}>Access: </span>
        <div className="flex flex-wrap items-center gap-2">
          {user.disabled ? (
            <span className="inline-flex items-center gap-1 text-xs font-semibold text-red-800 dark:text-red-300">
              <LockIcon className="size-3.5" />
              Disabled
            </span>
          ) : (
            <span className="inline-flex items-center gap-1 text-xs font-semibold text-emerald-800 dark:text-emerald-300">
              <CheckCircleIcon className="size-3.5" />
              Active
            </span>
          )}
          {user.disabled ? (
            <button
              type="button"
              className={rowButton}
              data-testid="user-toggle-disabled"
              aria-label={`Enable ${user.email}`}
              disabled={update.isPending}
              onClick={() => update.mutate({ id: user.id, disabled: false })}
            >
              Enable
            </button>
          ) : (
            <button
              type="button"
              className={rowButtonDanger}
              data-testid="user-toggle-disabled"
              aria-label={`Disable ${user.email}`}
              title={isSelf ? SELF_HINT : undefined}
              disabled={isSelf || update.isPending}
              onClick={() => setDialog("disable")}
            >
              Disable…
            </button>
          )}
        </div>
        {update.isError ? (
          <div className="mt-1">
            <InlineError message={update.error.message} testId="admin-error" />
          </div>
        ) : null}
        {/* Inside the cell: a <dialog> may not be a child of <tr>. */}
        {dialog === "signoff" ? <EditSignoffRolesDialog user={user} known={knownSignoffRoles} onClose={() => setDialog(null)} /> : null}
        {dialog === "disable" ? <DisableUserDialog user={user} onClose={() => setDialog(null)} /> : null}
      </td>
    </tr>
  );
}
