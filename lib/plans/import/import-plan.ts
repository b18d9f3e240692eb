// Markdown rollout document -> draft plan (v2 format), questions, unmapped sections and per-field sources.
// Pure and deterministic: the same text always gives the same answer, and no text makes it throw.
import { buildPlan, askForInvalidFields, unmappedSections } from "./build-plan";
import { parseDuration } from "./conditions";
import { parseMarkdown } from "./document";
import { unwrapTemplateBlock } from "./template-block";
import { Draft, descendants, sectionKinds, topSections } from "./draft";
import { askForOwners, extractChecklistSection, extractSignoffs } from "./extract-checklists";
import { applyConditions, extractAlertRuleBlocks, extractRangeCheckBlocks, extractThresholds, extractTriggers } from "./extract-guardrails";
import { extractListGuardrails } from "./list-guardrails";
import { extractObservedRanges } from "./extract-observed-ranges";
import { extractWaves } from "./extract-phases";
import { extractRollbackLevels } from "./extract-rollback";
import { extractSummary, extractTitle } from "./extract-summary";
import { labelledBlocks } from "./document";
import { normalizeText } from "./normalize";
import { assembleTracks } from "./assemble-tracks";
import { assembleAlternatives } from "./assemble-alternatives";
import { assembleLifecycles } from "./lifecycle-rollouts";
import { assembleRampAmongSteps } from "./ramp-among-steps";
import { assembleProsePhases } from "./prose-phases";
import { assembleGraduation } from "./graduation-stages";
import { removeIneffectiveGuardrails, repairGuardrailLevels, repairRamps } from "./repair-plan";
import { lostCheckboxes } from "./keep-checkboxes";
import type { ImportResult } from "./types";

export { pathString } from "./build-plan";

/** What a Markdown upload may weigh; past it the API refuses before parsing. */
export const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

export function importMarkdownPlan(markdown: string): ImportResult {
  const normalized = normalizeText(markdown);
  const doc = parseMarkdown(unwrapTemplateBlock(normalized.lines));
  const d = new Draft(doc);
  const kinds = sectionKinds(doc);

  extractTitle(d);
  extractSummary(d, kinds);
  for (const s of topSections(doc, kinds, "pre_deployment")) extractChecklistSection(d, s, d.preChecklist, "preChecklist");
  extractWaves(d, kinds);
  for (const s of topSections(doc, kinds, "rollback_triggers")) {
    for (const sub of descendants(s)) for (const b of labelledBlocks(doc, sub.bodyFrom, sub.bodyTo)) extractTriggers(d, b, -1);
  }
  extractListGuardrails(d, kinds);
  extractThresholds(d);
  extractObservedRanges(d);
  extractAlertRuleBlocks(d);
  extractRangeCheckBlocks(d);
  applyConditions(d);
  extractRollbackLevels(d, kinds);
  extractSignoffs(d, kinds);
  for (const s of topSections(doc, kinds, "post_deployment")) {
    // "Post-Launch Monitoring, first 72 hours": the heading says how long the observation lasts.
    const lasts = parseDuration(s.heading);
    if (lasts && d.hypercare.durationSeconds === undefined) {
      d.hypercare.durationSeconds = lasts.seconds;
      d.source("hypercare.durationSeconds", s.line);
    }
    extractChecklistSection(d, s, d.hypercare.checklist, "hypercare.checklist");
  }
  for (const s of topSections(doc, kinds, "success_criteria")) extractChecklistSection(d, s, d.hypercare.checklist, "hypercare.checklist", false);
  askForOwners(d);
  if (!assembleLifecycles(d) && !assembleAlternatives(d) && !assembleGraduation(d) && !assembleRampAmongSteps(d, kinds) && !assembleProsePhases(d)) assembleTracks(d, kinds);
  repairRamps(d);
  repairGuardrailLevels(d);
  let plan = buildPlan(d);
  if (removeIneffectiveGuardrails(d, plan)) plan = buildPlan(d);
  askForInvalidFields(d, plan);
  const unmapped = unmappedSections(d, kinds);
  const headingAt = (n: number) => [...doc.sections].reverse().find((s) => s.line <= n)?.heading ?? "(before the first heading)";
  unmapped.push(...lostCheckboxes(doc.lines, plan, unmapped, headingAt));
  unmapped.sort((a, b) => a.fromLine - b.fromLine);
  return {
    plan,
    questions: d.questions,
    unmapped,
    sources: d.sources,
    repairedCharacters: normalized.repaired,
    normalized: normalized.text,
  };
}

