// The plan format's JSON Schema, public like any published contract (editors and CI linters fetch it unauthenticated).
import { planJsonSchema } from "@/lib/plans/core/plan-json-schema";

export const dynamic = "force-static";

export function GET() {
  return new Response(JSON.stringify(planJsonSchema(), null, 2), {
    headers: { "content-type": "application/schema+json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
