// Administration: people and API tokens (admins only; the API enforces it).
import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/server/page-session";
import { AdminScreen } from "@/components/admin/AdminScreen";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requirePageActor("/admin");
  return <AdminScreen />;
}
