// A question's answer as typed in a text field, read back into the kind of value its proposal has.
import type { ImportQuestion } from "@/lib/plans/import/types";

export type ParsedAnswer = { ok: true; value: unknown } | { ok: false; message: string };

/** The text a field starts with: the proposal as a person would type it. */
export function answerText(value: unknown): string {
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function parseAnswer(q: Pick<ImportQuestion, "proposed">, text: string): ParsedAnswer {
  const t = text.trim();
  const p = q.proposed;
  if (typeof p === "number" || (p === null && /^\d/.test(t))) {
    if (t === "" && p === null) return { ok: true, value: null };
    const n = Number(t);
    return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: "Enter a number" };
  }
  if (p === null) return { ok: true, value: t === "" ? null : t };
  if (typeof p === "object") {
    try {
      return { ok: true, value: JSON.parse(t) };
    } catch {
      return { ok: false, message: "Enter valid JSON" };
    }
  }
  return t === "" ? { ok: false, message: "Enter an answer" } : { ok: true, value: t };
}
