// The audit timeline, filled only by use-release-live (gap-free, in seq order); this hook just reads it.
import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "../../platform/browser/query-keys";
import type { EventView } from "./types";

const NONE: EventView[] = [];

export function useReleaseEvents(releaseId: string): EventView[] {
  const { data } = useQuery<EventView[]>({
    queryKey: queryKeys.events(releaseId),
    queryFn: () => NONE,
    enabled: false,
    staleTime: Infinity,
  });
  return data ?? NONE;
}
