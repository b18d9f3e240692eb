// The audit timeline in the react-query cache: appended in seq order, never holding one seq twice.
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../platform/browser/query-keys";
import type { EventView } from "./types";

export function cachedEvents(qc: QueryClient, releaseId: string): EventView[] {
  return qc.getQueryData<EventView[]>(queryKeys.events(releaseId)) ?? [];
}

export function appendEvents(qc: QueryClient, releaseId: string, events: EventView[]): void {
  qc.setQueryData<EventView[]>(queryKeys.events(releaseId), (old = []) => {
    const last = old.length ? old[old.length - 1].seq : 0;
    const fresh = events.filter((e) => e.seq > last);
    return fresh.length ? [...old, ...fresh] : old;
  });
}
