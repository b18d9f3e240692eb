import { handle } from "@/lib/platform/http/handle";
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from "@/lib/platform/observability/prometheus";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint; scrape with an API token (Authorization: Bearer ...). */
export const GET = handle("read", async () => new Response(await renderPrometheus(), { headers: { "content-type": PROMETHEUS_CONTENT_TYPE } }));
