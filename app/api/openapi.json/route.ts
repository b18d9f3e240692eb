import { openApiDocument } from "@/lib/api/server/catalogue";

// The OpenAPI 3.1 description of the HTTP API, public like /api/plan-schema.json (client generators fetch it without
// signing in). Built once per process from the catalogue; browsers and proxies may keep it for five minutes.
export function GET() {
  return new Response(JSON.stringify(openApiDocument()), {
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "public, max-age=300" },
  });
}
