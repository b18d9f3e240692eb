// The plan's JSON Schema, generated from the zod schema so the two never drift (served at /api/plan-schema.json).
import { z } from "zod";
import { PlanSchema } from "./plan";

let cached: Record<string, unknown> | undefined;

/** Input shape: fields with defaults are optional, as a person writes them. Cross-field rules stay in zod. */
export function planJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(PlanSchema, { io: "input", target: "draft-2020-12" }),
    // "waves or tracks" (issue 22): the one cross-field rule an editor can check without running zod.
    anyOf: [{ required: ["waves"] }, { required: ["tracks"] }],
    $id: "/api/plan-schema.json",
    title: "Tidegate rollout plan (format v2)",
  };
  return cached;
}
