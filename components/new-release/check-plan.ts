// Checks the plan text in the browser with the server's own schema, so problems show while typing, in the same
// "path: message" words the server would answer with.
import { PlanSchema, type Plan } from "@/lib/plans/core/plan";

export interface PlanIssue {
  path: string;
  message: string;
}

export type PlanCheck = { ok: true; raw: unknown; plan: Plan } | { ok: false; issues: PlanIssue[] };

export function checkPlan(text: string): PlanCheck {
  if (!text.trim()) return { ok: false, issues: [{ path: "(body)", message: "the plan is empty" }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: "(json)", message: jsonErrorText(text, e) }] };
  }
  const parsed = PlanSchema.safeParse(raw);
  if (parsed.success) return { ok: true, raw, plan: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message })) };
}

/** The text as a JSON object for the form view, or why it cannot be read as one (the parser's words, with a line). */
export function parsePlanObject(text: string): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: text.trim() ? jsonErrorText(text, e) : "the plan is empty" };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return { ok: false, message: "a plan is a JSON object ({ ... })" };
  return { ok: true, value: raw as Record<string, unknown> };
}

/** The server's issues (details.issues of a 400), when they have the expected shape. */
export function serverIssues(details: unknown): PlanIssue[] {
  const issues = (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues
    .filter((i): i is { path: unknown; message: unknown } => typeof i === "object" && i !== null)
    .map((i) => ({ path: String(i.path ?? "(body)"), message: String(i.message ?? "") }));
}

/** The parser's message, with a line and column added when it only names a character position. */
function jsonErrorText(text: string, e: unknown): string {
  const message = e instanceof Error ? e.message : "not valid JSON";
  if (/line \d+/i.test(message)) return message;
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message} (line ${line}, column ${column})`;
}
