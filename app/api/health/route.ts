import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/server/db/check-database";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  return NextResponse.json({ status: database.ok ? "ok" : "degraded", database }, { status: database.ok ? 200 : 503 });
}
