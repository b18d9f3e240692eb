// The overview of every release, rendered with the list as it is now; a signed-out visit goes to sign-in first.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { ReleaseOverview } from "@/components/overview/ReleaseOverview";
import { queryKeys } from "@/lib/platform/browser/query-keys";
import { meView } from "@/lib/auth/server/me-view";
import { actorCan } from "@/lib/auth/server/authorize";
import { requirePageActor } from "@/lib/auth/server/page-session";
import { listReleases } from "@/lib/releases/server/list-releases";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const actor = await requirePageActor("/");
  const qc = new QueryClient();
  qc.setQueryData(queryKeys.me, meView(actor));
  if (actorCan(actor, "read")) qc.setQueryData(queryKeys.releases, await listReleases());
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <ReleaseOverview renderedAt={Date.now()} />
    </HydrationBoundary>
  );
}
