// A document of alternative strategies, each with its own fenced list of stage lines ("Stage 1: 10% traffic, 1-2
// days" in a plain code block under "### Stages" of "## Progressive Rollout"). Each strategy's block is a schedule
// of its own: it belongs to the strategy's section, not to the generic heading it sits under ("Stages",
// "Example", "Timeline"), so the strategy names the track.
import type { Section } from "./document";
import type { Draft } from "./draft";
import { readStageGroups, type Stage } from "./read-stages";

/** Headings that say what a block is, not which strategy it belongs to. */
const GENERIC = /^(stages?|phases?|steps?|schedule|timeline|rollout|ramp|examples?|sample|config(uration)?|plan)$/i;

function ownerOf(d: Draft, line: number): Section | null {
  let best: Section | null = null;
  for (const s of d.doc.sections) if (s.level > 0 && s.line <= line && line <= s.toLine && (!best || s.level >= best.level)) best = s;
  while (best && best.parent && best.parent.level > 1 && GENERIC.test(best.heading.replace(/[*_`:]/g, "").trim())) best = best.parent;
  return best;
}

/** Fenced blocks holding nothing but one run of two or more stage lines, each with its owning section. */
export function stageListBlocks(d: Draft): { section: Section; stages: Stage[]; fromLine: number }[] {
  const found: { section: Section; stages: Stage[]; fromLine: number }[] = [];
  for (const block of d.doc.codeBlocks) {
    if (block.embedded || found.length >= 40 || block.body.length > 60) continue;
    const groups = readStageGroups(d.doc, block.fromLine, block.toLine);
    if (groups.length !== 1 || groups[0].stages.length < 2 || groups[0].inline) continue;
    const section = ownerOf(d, block.fromLine);
    if (section) found.push({ section, stages: groups[0].stages, fromLine: block.fromLine });
  }
  return found;
}
