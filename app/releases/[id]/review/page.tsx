// The go/no-go review: every checklist and sign-off of a release, live. Data arrives on the client.
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/server/page-session";
import { ReviewScreen } from "@/components/review/ReviewScreen";

export const metadata: Metadata = { title: "Go / no-go review" };

export default async function ReleaseReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageActor(`/releases/${encodeURIComponent(id)}/review`);
  return <ReviewScreen releaseId={id} />;
}
