// Creates a release (status draft) from a rollout plan; the server validates it with the same schema the screen does.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export function useCreateRelease() {
  const qc = useQueryClient();
  return useMutation({
    /** The plan as the person wrote it (parsed JSON, defaults not filled in): the server applies its own. */
    mutationFn: (plan: unknown) => apiPost<{ id: string; name: string }>("/api/releases", plan),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.releases }),
  });
}
