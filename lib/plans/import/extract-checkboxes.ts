// Checkbox items ("- [ ] Code review completed") with the group they sit under and an owner when the line names one.
import { listItemAt, type MarkdownDoc } from "./document";

export interface ExtractedItem {
  text: string;
  line: number;
  group?: string;
  /** "Product manager: Feature readiness sign-off" -> "Product manager". */
  ownerRole?: string;
  /** False for "(if applicable)", "(optional)", "if needed": the team said it may not apply. */
  required: boolean;
  checkbox: boolean;
}

const OPTIONAL = /\((if applicable|optional|if needed|nice to have)[^)]*\)|\bif applicable\b|^optional\b/i;
const OWNER_PREFIX = /^([A-Z][A-Za-z&/ ]{1,40}?)(?:\s*\([^)]*\))?:\s+(\S.*)$/;
/** Words that open a sentence-like prefix, not a role ("Note: ...", "Actions: ..."). */
const NOT_A_ROLE = /^(note|notes|todo|action|actions|step|steps|tip|warning|example|e\.g|i\.e|target|goal)$/i;

export function ownerFromText(text: string): { ownerRole?: string; text: string } {
  const m = text.match(OWNER_PREFIX);
  if (!m || NOT_A_ROLE.test(m[1].trim())) return { text };
  return { ownerRole: m[1].trim(), text };
}

/**
 * Items on lines from..to. `checkboxesOnly` keeps "- [ ]" items; otherwise every list item counts (a go/no-go list
 * written as bullets is still a list of criteria).
 */
export function extractItems(
  doc: MarkdownDoc,
  from: number,
  to: number,
  options: { group?: string; checkboxesOnly?: boolean } = {},
): ExtractedItem[] {
  const items: ExtractedItem[] = [];
  for (let n = from; n <= to; n++) {
    const li = listItemAt(doc, n);
    if (!li || (options.checkboxesOnly && !li.checkbox)) continue;
    const text = li.text.slice(0, 500);
    const { ownerRole } = ownerFromText(text);
    items.push({
      text,
      line: n,
      ...(options.group ? { group: options.group.slice(0, 120) } : {}),
      ...(ownerRole ? { ownerRole } : {}),
      required: !OPTIONAL.test(text),
      checkbox: li.checkbox,
    });
  }
  return items;
}
