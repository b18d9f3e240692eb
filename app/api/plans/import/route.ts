// Markdown rollout document -> draft plan, questions, unmapped sections, sources. Admins only; nothing is written.
import { importMarkdownPlan } from "@/lib/plans/import/import-plan";
import { handle, json } from "@/lib/platform/http/handle";
import { readMarkdownBody } from "@/lib/plans/server/read-markdown-body";

export const dynamic = "force-dynamic";

export const POST = handle("manage", async ({ req }) => {
  const markdown = await readMarkdownBody(req);
  return json(importMarkdownPlan(markdown));
});
