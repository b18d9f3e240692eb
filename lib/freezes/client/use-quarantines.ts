// Standing quarantines of rolled-back versions.
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";
import type { QuarantineView } from "./types";

export function useQuarantines() {
  return useQuery({
    queryKey: queryKeys.quarantines,
    queryFn: () => apiGet<{ quarantines: QuarantineView[] }>("/api/quarantines").then((r) => r.quarantines),
    refetchInterval: 60_000,
  });
}
