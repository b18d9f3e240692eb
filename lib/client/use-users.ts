// The people who can sign in (admin only): role, sign-off roles, disabled or not. Never password hashes.
import { useQuery } from "@tanstack/react-query";
import type { listUsers } from "@/lib/server/users/list-users";
import { apiGet } from "./api-client";

export type UserView = Awaited<ReturnType<typeof listUsers>>[number];

/** Kept here until query-keys.ts (not ours to edit) gains an entry for it. */
export const usersKey = ["users"] as const;

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: usersKey,
    queryFn: () => apiGet<{ users: UserView[] }>("/api/users").then((r) => r.users),
    enabled,
  });
}
