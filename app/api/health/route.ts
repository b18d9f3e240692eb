import { NextResponse } from "next/server";
import { readHealth } from "@/lib/platform/observability/read-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await readHealth();
  return NextResponse.json(health, { status: health.database.ok ? 200 : 503 });
}
