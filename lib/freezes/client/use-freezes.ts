// The freeze calendar (current and upcoming), refreshed every minute so a freeze that begins or ends shows up.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import type { FreezeView } from "./types";

export function useFreezes() {
  return useQuery({
    queryKey: queryKeys.freezes,
    queryFn: () => apiGet<{ freezes: FreezeView[] }>("/api/freezes").then((r) => r.freezes),
    refetchInterval: 60_000,
  });
}
