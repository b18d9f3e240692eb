// Markdown rollout document -> draft plan, questions, unmapped sections, sources. Admins only; nothing is written.
import { handle, json } from "@/lib/platform/http/handle";
import { readMarkdownBody } from "@/lib/plans/server/read-markdown-body";
import { runImport } from "@/lib/plans/server/run-import";

export const dynamic = "force-dynamic";

export const POST = handle("manage", async ({ req }) => {
  const markdown = await readMarkdownBody(req);
  // Off the request loop, bounded in time and in number (lib/plans/server/import-pool.ts).
  return json(await runImport(markdown));
});
