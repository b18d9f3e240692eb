// The JSON Schema the JSON view works from: the published one (same generator as /api/plan-schema.json) with the
// editor's field help as descriptions, built once.
import type { stateExtensions } from "codemirror-json-schema";
import { planJsonSchema } from "@/lib/plans/core/plan-json-schema";
import { withFieldHelp } from "./field-help";

export type EditorSchema = NonNullable<Parameters<typeof stateExtensions>[0]>;

let schema: EditorSchema | undefined;

export function editorSchema(): EditorSchema {
  schema ??= withFieldHelp(planJsonSchema()) as EditorSchema;
  return schema;
}
