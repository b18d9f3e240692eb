// Markdown rollout document -> draft plan, questions, unmapped sections, sources. Admins only; nothing is written.
import { handle } from "@/lib/platform/http/handle";
import { readImportBody } from "@/lib/plans/server/read-markdown-body";
import { runImportJson } from "@/lib/plans/server/run-import";

export const dynamic = "force-dynamic";

export const POST = handle("manage", async ({ req }) => {
  const body = await readImportBody(req);
  // Off the request loop, bounded in time and in number (lib/plans/server/import-pool.ts): the body is made a document
  // and read there, and the thread's JSON bytes are sent as they are.
  return new Response(await runImportJson({ body }), { status: 200, headers: { "content-type": "application/json" } });
});
