// Declaring or ending a freeze and lifting a quarantine (admins). Each refreshes the calendar and every release view,
// whose gates the change opens or closes.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import type { FreezeView, QuarantineView } from "./types";

function useRefreshAfter() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: queryKeys.freezes });
    void qc.invalidateQueries({ queryKey: queryKeys.quarantines });
    void qc.invalidateQueries({ queryKey: ["release"] });
  };
}

export interface NewFreezeInput {
  from: string;
  to: string;
  reason: string;
  services?: string[];
  environments?: string[];
}

export function useCreateFreeze() {
  const refresh = useRefreshAfter();
  return useMutation({ mutationFn: (input: NewFreezeInput) => apiPost<FreezeView>("/api/freezes", input), onSettled: refresh });
}

export function useEndFreeze() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => apiDelete<FreezeView>(`/api/freezes/${encodeURIComponent(id)}`, { reason }),
    onSettled: refresh,
  });
}

export function useLiftQuarantine() {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => apiPost<QuarantineView>(`/api/quarantines/${encodeURIComponent(id)}/lift`, { reason }),
    onSettled: refresh,
  });
}
