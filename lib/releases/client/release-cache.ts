// Puts a release view into the cache only if it is at least as new as what is shown: versions never go back.
import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../platform/browser/query-keys";
import type { ReleaseView } from "./types";

export function putReleaseView(qc: QueryClient, view: ReleaseView): void {
  qc.setQueryData<ReleaseView>(queryKeys.release(view.id), (old) => (old && old.version > view.version ? old : view));
}

/** For the release query's structuralSharing: an older answer that lands late must not replace a newer view. */
export function keepNewerView(old: unknown, next: unknown): unknown {
  const o = old as ReleaseView | undefined;
  const n = next as ReleaseView | undefined;
  return o && n && typeof o.version === "number" && o.version > n.version ? o : next;
}
