// Content negotiation for the routes that also answer in Markdown: `?format=markdown` or `Accept: text/markdown`.
import "server-only";
import type { NextRequest } from "next/server";

export function wantsMarkdown(req: NextRequest): boolean {
  const format = req.nextUrl.searchParams.get("format");
  if (format) return format === "markdown" || format === "md";
  return (req.headers.get("accept") ?? "").toLowerCase().includes("text/markdown");
}

export function markdown(body: string, filename?: string): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      ...(filename ? { "content-disposition": `inline; filename="${filename.replace(/[^\w.-]/g, "_")}"` } : {}),
    },
  });
}
