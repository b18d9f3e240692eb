// The release board. The server reads the release as it is now and renders it, so the commander can act at once;
// the browser connects the live feed in parallel and continues from the last event the page carried.
import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ReleaseBoard } from "@/components/board/ReleaseBoard";
import { initialReleaseState } from "@/lib/releases/server/initial-release-state";
import { requirePageActor } from "@/lib/auth/server/page-session";

export const metadata: Metadata = { title: "Release board" };
export const dynamic = "force-dynamic";

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(`/releases/${encodeURIComponent(id)}`);
  return (
    <HydrationBoundary state={await initialReleaseState(actor, id)}>
      <ReleaseBoard releaseId={id} renderedAt={Date.now()} />
    </HydrationBoundary>
  );
}
