// Markdown rollout document -> draft plan, questions, unmapped sections, sources. Admins only; nothing is written.
import { handle } from "@/lib/platform/http/handle";
import { readMarkdownBody } from "@/lib/plans/server/read-markdown-body";
import { runImportJson } from "@/lib/plans/server/run-import";

export const dynamic = "force-dynamic";

export const POST = handle("manage", async ({ req }) => {
  const markdown = await readMarkdownBody(req);
  // Off the request loop, bounded in time and in number (lib/plans/server/import-pool.ts); the thread's JSON as is.
  return new Response(await runImportJson(markdown), { status: 200, headers: { "content-type": "application/json" } });
});
