import { handle } from "@/lib/server/http/handle";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from "@/lib/server/metrics/prometheus";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint; scrape with an API token (Authorization: Bearer ...). */
export const GET = handle("read", async () => new Response(await renderPrometheus(), { headers: { "content-type": PROMETHEUS_CONTENT_TYPE } }));
