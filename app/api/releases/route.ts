import { PlanSchema } from "@/lib/rollout/plan";
import { handle, json, readJson } from "@/lib/server/http/handle";
import { createRelease } from "@/lib/server/releases/create-release";
import { listReleases } from "@/lib/server/releases/list-releases";

export const dynamic = "force-dynamic";

export const GET = handle("read", async () => json({ releases: await listReleases() }));

export const POST = handle("manage", async ({ req, actor }) => {
  const plan = await readJson(req, PlanSchema, "plan");
  const release = await createRelease(plan, actor.name, actor.role);
  return json(release, 201, { Location: `/api/releases/${release.id}` });
});
