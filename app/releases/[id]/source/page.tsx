// The document a release's plan was imported from, with what the importer did not map.
import type { Metadata } from "next";
import { SourceScreen } from "@/components/source/SourceScreen";

export const metadata: Metadata = { title: "Source document" };

export default async function ReleaseSourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SourceScreen releaseId={id} />;
}
