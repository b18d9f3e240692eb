import { handle } from "@/lib/server/http/handle";
import { renderPrometheus } from "@/lib/server/metrics/prometheus";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint; scrape with an API token (Authorization: Bearer ...). */
export const GET = handle("read", async () =>
  new Response(await renderPrometheus(), { headers: { "content-type": "text/plain; version=0.0.4; charset=utf-8" } }),
);
