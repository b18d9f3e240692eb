// The stakeholder wall screen: read-only, very large type, live.
import type { Metadata } from "next";
import { StatusWall } from "@/components/status/StatusWall";

export const metadata: Metadata = { title: "Release status" };

export default async function ReleaseStatusPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <StatusWall releaseId={id} />;
}
