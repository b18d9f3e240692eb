// A question's answer as typed in a text field, read back into the kind of value its proposal has.
import { durationText, parseDurationText } from "@/lib/plans/edit/duration-text";
import type { ImportQuestion } from "@/lib/plans/import/types";

/** Plan fields that hold seconds (bakeSeconds, forSeconds, durationSeconds ...): asked and shown as durations. */
export function isDurationField(field: string | undefined): boolean {
  return !!field && /Seconds$/.test(field);
}

export type ParsedAnswer = { ok: true; value: unknown } | { ok: false; message: string };

/** The text a field starts with: the proposal as a person would type it. */
export function answerText(value: unknown, field?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && isDurationField(field)) return durationText(value);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

export function parseAnswer(q: Pick<ImportQuestion, "proposed"> & { field?: string }, text: string): ParsedAnswer {
  const t = text.trim();
  const p = q.proposed;
  if (isDurationField(q.field) && (typeof p === "number" || p === null)) {
    if (t === "" && p === null) return { ok: true, value: null };
    const seconds = parseDurationText(t);
    return seconds === null ? { ok: false, message: 'Enter a duration such as "2h", "30m", "1 d" or "1h 30m"' } : { ok: true, value: seconds };
  }
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
