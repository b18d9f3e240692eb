// Writes a person's answers into the draft plan: each answer goes to every path its question targets.
import type { ImportQuestion } from "./types";

type Path = (string | number)[];

export function parsePath(field: string): Path {
  const out: Path = [];
  for (const part of field.split(".")) {
    const m = part.match(/^([^[\]]*)((?:\[\d+\])*)$/);
    if (!m) throw new Error(`not a field path: ${field}`);
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function setAt(root: Record<string, unknown>, path: Path, value: unknown) {
  let node: any = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null) node[key] = typeof path[i + 1] === "number" ? [] : {};
    node = node[key];
    if (typeof node !== "object") return;
  }
  const last = path[path.length - 1];
  // null means "leave the field out", which is how an optional field is declined.
  if (value === null && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

/** A copy of `plan` with `answers` (question id -> value) applied; unanswered questions keep their proposal. */
export function applyAnswers(
  plan: Record<string, unknown>,
  questions: ImportQuestion[],
  answers: Record<string, unknown>,
): Record<string, unknown> {
  const next = structuredClone(plan);
  for (const q of questions) {
    if (!(q.id in answers)) continue;
    for (const target of q.targets) setAt(next, parsePath(target), answers[q.id]);
  }
  return next;
}

/** Blocking questions that have no answer yet: while any remain, no release may be created from the import. */
export function unansweredBlocking(questions: ImportQuestion[], answers: Record<string, unknown>): ImportQuestion[] {
  return questions.filter((q) => q.blocking && !(q.id in answers));
}
