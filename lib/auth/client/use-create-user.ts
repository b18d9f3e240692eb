// Creates a person who can sign in, with a role and sign-off roles.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Role } from "@/lib/auth/core/roles";
import { apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export interface NewUserInput {
  email: string;
  name?: string;
  password: string;
  role: Role;
  signoffRoles: string[];
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewUserInput) =>
      apiPost<{ id: string; email: string }>("/api/users", {
        email: input.email.trim(),
        password: input.password,
        role: input.role,
        signoffRoles: input.signoffRoles,
        ...(input.name?.trim() ? { name: input.name.trim() } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
