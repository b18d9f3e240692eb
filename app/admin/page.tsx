// Administration: people and API tokens (admins only; the API enforces it).
import type { Metadata } from "next";
import { AdminScreen } from "@/components/admin/AdminScreen";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return <AdminScreen />;
}
