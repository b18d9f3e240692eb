// A plan field's path in the words every screen uses: "waves.0.guardrails.1.critical" -> "Wave 1 › guardrail 2 ›
// critical". Indexes count from 1, as people count waves; the raw path stays beside it for people editing JSON.

const ITEM_NAMES: Record<string, string> = {
  waves: "Wave",
  guardrails: "guardrail",
  checklist: "checklist item",
  preChecklist: "pre-deployment item",
  signoffs: "sign-off",
  flags: "flag",
  triggers: "trigger",
  levels: "level",
  steps: "step",
  constraints: "constraint",
  metrics: "metric",
  roles: "role",
  allow: "allow-list entry",
  values: "value",
};

export function humanPlanPath(path: string): string {
  const parts = path.split(".").filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const name = ITEM_NAMES[parts[i]];
    const next = parts[i + 1];
    if (name && next !== undefined && /^\d+$/.test(next)) {
      out.push(`${name} ${Number(next) + 1}`);
      i++;
    } else {
      out.push(parts[i]);
    }
  }
  const text = out.join(" › ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}
