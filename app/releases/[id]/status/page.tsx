// The stakeholder wall screen: read-only, very large type, live. Rendered with the current state on the server.
import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { StatusWall } from "@/components/status/StatusWall";
import { initialReleaseState } from "@/lib/releases/server/initial-release-state";
import { requirePageActor } from "@/lib/auth/server/page-session";

export const metadata: Metadata = { title: "Release status" };
export const dynamic = "force-dynamic";

export default async function ReleaseStatusPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/releases/${encodeURIComponent(id)}/status`);
  return (
    <HydrationBoundary state={await initialReleaseState(actor, id)}>
      <StatusWall releaseId={id} renderedAt={Date.now()} />
    </HydrationBoundary>
  );
}
