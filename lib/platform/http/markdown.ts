// Content negotiation for the routes that also answer in Markdown: `?format=markdown` or `Accept: text/markdown`.
import "server-only";
import type { NextRequest } from "next/server";

export function wantsMarkdown(req: NextRequest): boolean {
  const format = req.nextUrl.searchParams.get("format");
  if (format) return format === "markdown" || format === "md";
  return (req.headers.get("accept") ?? "").toLowerCase().includes("text/markdown");
}

/** `?download=1` asks for the Markdown as a file to save rather than text to read in the browser. */
export function wantsDownload(req: NextRequest): boolean {
  const v = req.nextUrl.searchParams.get("download");
  return v === "1" || v === "true";
}

export function markdown(body: string, filename?: string, disposition: "inline" | "attachment" = "inline"): Response {
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      ...(filename ? { "content-disposition": `${disposition}; filename="${filename.replace(/[^\w.-]/g, "_")}"` } : {}),
    },
  });
}
