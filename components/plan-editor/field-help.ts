// One sentence per plan field, shown as the form's field hints and as the JSON view's hover and completion text.
// The zod schema carries no descriptions, so the editor adds them to its copy of the published JSON Schema.

export const FIELD_HELP: Record<string, string> = {
  name: "What people call it on the board.",
  service: "The service being released.",
  version: "The version being rolled out.",
  description: "Free text shown with the release.",
  trafficPercent: "Share of traffic (or of the wave's unit) the wave reaches; rises strictly from wave to wave, the last wave is 100.",
  bakeSeconds: "How long the wave must run before CONTINUE is allowed.",
  maxSeconds: "Decision deadline: past it the commander and the wave's owners get an \"overdue\" alert.",
  autoContinue: "Promote on its own once every gate is open after the bake time (audited with actor \"schedule\").",
  audience: "Who the wave reaches, in words (\"internal team + 10-20 beta testers\").",
  unit: "What the percentage counts: users, requests, servers or operations.",
  signoffs: "Roles that must sign off before the wave may be left.",
  ownerRole: "The role that answers for the item; unowned items count toward the commander.",
  group: "The heading the item belongs under.",
  required: "Optional items are shown but never block the gate.",
  comparator: "Which direction is bad: > means higher is worse.",
  target: "The healthy level, drawn on charts.",
  warning: "Level that raises a warning.",
  critical: "Level that triggers the guardrail's action.",
  relativeTo: "Compare with a reference level instead of an absolute value (thresholds are then fractions: 0.5 = +50%).",
  forSeconds: "How long the breach must hold before it counts (0 = immediately).",
  windowSeconds: "The window each evaluation aggregates over.",
  onCritical: "What happens at the critical level: pause, rollback or notify.",
  threshold: "The level this rule fires at.",
  action: "What the rule does: notify, pause, step_back (previous wave) or rollback.",
  scope: "What the rollback level undoes: the release, a flag, or data.",
  steps: "Ordered steps shown as a checklist when this level is chosen.",
  objectiveSeconds: "How long this rollback level may take.",
  command: "The command to run for this step.",
  durationSeconds: "How long the observation phase after the last wave lasts.",
  preChecklist: "Items that gate START.",
  checklist: "Items that must be done (or hold) before moving on.",
  guardrails: "Metric rules that pause or roll back on their own.",
  waves: "The rollout's stages, from the first small share to 100%.",
  hypercare: "Observation after the last wave; the release completes when it ends.",
  rollback: "Rollback levels, from the quickest (flag off) to the deepest (data).",
};

/** A copy of the JSON Schema with the help above as `description` on every property that has none. */
export function withFieldHelp<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(withFieldHelp) as T;
  if (typeof schema !== "object" || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "properties" && typeof value === "object" && value !== null) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => {
          const described = withFieldHelp(sub) as Record<string, unknown>;
          return [name, FIELD_HELP[name] && !described.description ? { ...described, description: FIELD_HELP[name] } : described];
        }),
      );
    } else {
      out[key] = withFieldHelp(value);
    }
  }
  return out as T;
}
