// The document a release's plan was imported from, with what the importer did not map.
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/server/page-session";
import { SourceScreen } from "@/components/source/SourceScreen";

export const metadata: Metadata = { title: "Source document" };

export default async function ReleaseSourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageActor(`/releases/${encodeURIComponent(id)}/source`);
  return <SourceScreen releaseId={id} />;
}
