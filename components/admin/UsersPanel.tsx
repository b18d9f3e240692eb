// The people who can sign in: add one, change a role or sign-off roles, disable or enable access.
"use client";
import { useMemo } from "react";
import { useUsers } from "@/lib/auth/client/use-users";
import { Panel } from "../ui/Panel";
import { CreateUserForm } from "./CreateUserForm";
import { LoadError } from "./LoadError";
import { COMMON_SIGNOFF_ROLES } from "./role-text";
import { UserRow } from "./UserRow";

const th = "px-3 pb-2 text-left text-[11px] font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400";

export function UsersPanel({ selfId }: { selfId: string | null }) {
  const users = useUsers();
  const known = useMemo(() => [...new Set([...COMMON_SIGNOFF_ROLES, ...(users.data ?? []).flatMap((u) => u.signoffRoles)])], [users.data]);
  const disabled = users.data?.filter((u) => u.disabled).length ?? 0;

  return (
    <Panel
      title="People"
      id="users"
      actions={
        users.data ? (
          <span className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
            {users.data.length} {users.data.length === 1 ? "person" : "people"}
            {disabled ? ` · ${disabled} disabled` : ""}
          </span>
        ) : null
      }
    >
      <div className="flex flex-col gap-4">
        <CreateUserForm knownSignoffRoles={known} />
        {users.isPending ? (
          <p role="status" className="text-sm text-zinc-500">
            Loading people…
          </p>
        ) : users.isError ? (
          <LoadError message={users.error.message} onRetry={() => void users.refetch()} />
        ) : (
          <div className="overflow-x-auto max-md:overflow-visible">
            <table className="w-full border-collapse text-sm max-md:block">
              <caption className="sr-only">People who can sign in</caption>
              <thead className="max-md:sr-only">
                <tr>
                  <th scope="col" className={th}>Person</th>
                  <th scope="col" className={th}>Role</th>
                  <th scope="col" className={th}>Sign-off roles</th>
                  <th scope="col" className={th}>Access</th>
                </tr>
              </thead>
              <tbody className="max-md:block">
                {users.data.map((u) => (
                  <UserRow key={u.id} user={u} isSelf={u.id === selfId} knownSignoffRoles={known} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Panel>
  );
}
