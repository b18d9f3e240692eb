// The release board. Data arrives on the client so it can stay live; the page only passes the id.
import type { Metadata } from "next";
import { ReleaseBoard } from "@/components/board/ReleaseBoard";

export const metadata: Metadata = { title: "Release board" };

export default async function ReleasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReleaseBoard releaseId={id} />;
}
