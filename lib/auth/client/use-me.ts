// Who is signed in and what they may do. A 401 redirects to sign-in inside the API client.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import type { Me, Permission } from "../../releases/client/types";

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => apiGet<Me>("/api/me"), staleTime: 60_000 });
}

export function hasPermission(me: Me | undefined, permission: Permission): boolean {
  return !!me?.permissions.includes(permission);
}
