// The post-rollout report: printable, live while the release runs. Data arrives on the client.
import type { Metadata } from "next";
import { ReportScreen } from "@/components/report/ReportScreen";

export const metadata: Metadata = { title: "Post-rollout report" };

export default async function ReleaseReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <ReportScreen releaseId={id} />;
}
