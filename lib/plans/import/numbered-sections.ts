// A procedure whose sections are numbered ("### 0. Updating dependencies", "## 1. Create the Release Branch",
// "## Step 2: Tag"): the numbered headings, at whatever depth they sit, are its steps in order, and the headings
// under a numbered one are parts of that step. An unnumbered section beside them that comes before the first and
// holds work (commands or a list), such as "Initial Configuration", is the procedure's first step.
import { cleanInline, type MarkdownDoc, type Section } from "./document";

const NUMBERED = /^(?:step\s*)?(\d{1,2})\s*[.):]\s+\S/i;

/** "2. Major/Minor releases: Change the version" -> "Major/Minor releases: Change the version". */
export function withoutStepNumber(heading: string): string {
  return cleanInline(heading).replace(/^(?:step\s*)?\d{1,2}\s*[.):]\s+/i, "");
}

const numberOf = (s: Section) => {
  const m = cleanInline(s.heading).match(NUMBERED);
  return m ? Number(m[1]) : null;
};

/**
 * The steps of the first group of three or more sibling sections numbered in order (each one more than the one
 * before, starting at 0 or 1), with the unnumbered siblings before them that hold work; null when there is none.
 */
export function numberedSteps(doc: MarkdownDoc, hasWork: (s: Section) => boolean): { steps: Section[]; numbered: Set<Section> } | null {
  const parents = [doc.root, ...doc.sections];
  for (const p of parents) {
    const kids = p.children;
    const nums = kids.map(numberOf);
    const first = nums.findIndex((v) => v === 0 || v === 1);
    if (first < 0) continue;
    const numbered: Section[] = [];
    let expect = nums[first]!;
    for (let k = first; k < kids.length; k++) {
      if (nums[k] === expect) {
        numbered.push(kids[k]);
        expect++;
      } else if (nums[k] !== null) break;
    }
    if (numbered.length < 3) continue;
    const before = kids.slice(0, first).filter(hasWork);
    return { steps: [...before, ...numbered], numbered: new Set(numbered) };
  }
  return null;
}
