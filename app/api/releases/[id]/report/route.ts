import { reportMarkdown } from "@/lib/reports/core/report-markdown";
import { notFound } from "@/lib/platform/http/app-error";
import { errorResponse, handle, json } from "@/lib/platform/http/handle";
import { markdown, wantsMarkdown } from "@/lib/platform/http/markdown";
import { getReport } from "@/lib/reports/server/get-report";

export const dynamic = "force-dynamic";

/** GET: the post-rollout report as JSON, or Markdown with `?format=markdown` / `Accept: text/markdown`. Live while the release runs. */
export const GET = handle<{ id: string }>(
  "read",
  async ({ req, params }) => {
    const report = await getReport(params.id);
    if (!report) return errorResponse(notFound("Release", params.id));
    if (wantsMarkdown(req)) return markdown(reportMarkdown(report), `report-${report.name}-${report.version}.md`);
    return json(report);
  },
  { scope: "id" },
);
