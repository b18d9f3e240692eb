// A release from a Markdown rollout document (admins only; the API enforces it).
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/server/page-session";
import { ImportScreen } from "@/components/plan-import/ImportScreen";

export const metadata: Metadata = { title: "Import a plan" };

export default async function ImportPlanPage() {
  await requirePageActor("/releases/import");
  return <ImportScreen />;
}
