// Text rules for what people type: names are printable one-liners; free text keeps its lines but loses invisible controls.
import { z } from "zod";

// C0 controls (tab included: a name is one line), DEL, C1 controls, and the bidirectional embeddings, overrides and
// isolates that can make a name read differently from what it is (Trojan Source).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
// In free text (reasons, comments) line breaks and tabs are content; NUL and the other C0 controls are not, and
// PostgreSQL cannot store NUL in text at all. They are dropped rather than refused: a PAUSE reason pasted from a
// terminal must still pause the release.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's purpose
const FREE_TEXT_DROPPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/gu;
// With the u flag a class of surrogates matches only unpaired ones.
const LONE_SURROGATE = /[\ud800-\udfff]/u;

export const NAME_MESSAGE = "must not contain control characters or bidirectional-override characters";

export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export function isPrintableName(text: string): boolean {
  return !NAME_FORBIDDEN.test(text);
}

export function dropInvisibleControls(text: string): string {
  return text.replace(FREE_TEXT_DROPPED, "");
}

/** A name, title or label: trimmed, 1..max characters, printable. */
export const nameText = (max: number) => z.string().trim().min(1).max(max).refine(isPrintableName, NAME_MESSAGE);

/** A reason, comment or description: up to max characters, line breaks kept, NUL and other invisible controls dropped. */
export const freeText = (max: number) => z.string().max(max).transform(dropInvisibleControls);
