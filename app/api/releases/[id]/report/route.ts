import { reportMarkdown } from "@/lib/reports/core/report-markdown";
import { notFound } from "@/lib/platform/http/app-error";
import { ReportFormatQuery } from "@/lib/api/core/requests";
import { errorResponse, handle, json, parseWith } from "@/lib/platform/http/handle";
import { markdown, wantsDownload, wantsMarkdown } from "@/lib/platform/http/markdown";
import { getReport } from "@/lib/reports/server/get-report";

export const dynamic = "force-dynamic";

/** GET: the post-rollout report as JSON, or Markdown with `?format=markdown` / `Accept: text/markdown`. Live while the release runs. */
export const GET = handle<{ id: string }>(
  "read",
  async ({ req, params }) => {
    parseWith(ReportFormatQuery, Object.fromEntries(req.nextUrl.searchParams), "query");
    const report = await getReport(params.id);
    if (!report) return errorResponse(notFound("Release", params.id));
    if (wantsMarkdown(req)) return markdown(reportMarkdown(report), `report-${report.name}-${report.version}.md`, wantsDownload(req) ? "attachment" : "inline");
    return json(report);
  },
  { scope: "id" },
);
