// A new release from a rollout plan (admins only; the API enforces it).
import type { Metadata } from "next";
import { NewReleaseScreen } from "@/components/new-release/NewReleaseScreen";

export const metadata: Metadata = { title: "New release" };

export default function NewReleasePage() {
  return <NewReleaseScreen />;
}
