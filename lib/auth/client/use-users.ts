// The people who can sign in (admin only): role, sign-off roles, disabled or not. Never password hashes.
import { useQuery } from "@tanstack/react-query";
import type { listUsers } from "@/lib/auth/server/list-users";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type UserView = Awaited<ReturnType<typeof listUsers>>[number];

export function useUsers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: () => apiGet<{ users: UserView[] }>("/api/users").then((r) => r.users),
    enabled,
  });
}
