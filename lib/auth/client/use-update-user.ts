// Changes a person's role, sign-off roles or access. It takes effect on their next request.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/core/roles";
import { apiPatch } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export interface UserChange {
  id: string;
  role?: Role;
  signoffRoles?: string[];
  disabled?: boolean;
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: UserChange) => apiPatch<{ id: string }>(`/api/users/${encodeURIComponent(id)}`, patch),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.users });
      // An admin may have changed their own sign-off roles; the header and review page read them from /api/me.
      void qc.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
