// The state a release screen starts from, read on the server while the page renders: the person, the release view
// and its audit trail (first page), as react-query cache entries. The browser paints and can act on it at once and
// connects the socket in parallel; the live feed then continues from the last event it was given.
import "server-only";
import { dehydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { queryKeys } from "../../platform/browser/query-keys";
import type { Actor } from "../../auth/server/actor";
import { actorCan } from "../../auth/server/authorize";
import { meView } from "../../auth/server/me-view";
import { getRelease } from "./get-release";
import { listEvents } from "./list-events";

/** Events embedded in the page at most; a longer trail is fetched by the live feed, in order, from there. */
const EVENTS_IN_PAGE = 1000;

export async function initialReleaseState(actor: Actor, releaseId: string): Promise<DehydratedState> {
  const qc = new QueryClient();
  qc.setQueryData(queryKeys.me, meView(actor));
  // Without read rights the client asks the API and shows its 403 as it does today.
  if (actorCan(actor, "read", { releaseId })) {
    const [view, events] = await Promise.all([getRelease(releaseId), listEvents(releaseId, 0, EVENTS_IN_PAGE)]);
    if (view) {
      qc.setQueryData(queryKeys.release(releaseId), view);
      qc.setQueryData(queryKeys.events(releaseId), events ?? []);
    }
  }
  return dehydrate(qc);
}
