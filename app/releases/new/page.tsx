// A new release from a rollout plan (admins only; the API enforces it).
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/server/page-session";
import { NewReleaseScreen } from "@/components/new-release/NewReleaseScreen";

export const metadata: Metadata = { title: "New release" };

export default async function NewReleasePage() {
  await requirePageActor("/releases/new");
  return <NewReleaseScreen />;
}
