// Rollback levels from the rollback procedure's subsections, with their shell steps and time objectives.
import { classifyHeading, type SectionKind } from "./classify";
import { parseDuration } from "./conditions";
import type { Section } from "./document";
import { topSections, type Draft } from "./draft";
import { extractShellSteps, isShellBlock, type ShellStep } from "./extract-bash-steps";
import { extractItems } from "./extract-checkboxes";

export function extractRollbackLevels(d: Draft, kinds: Map<Section, SectionKind>) {
  for (const top of topSections(d.doc, kinds, "rollback_procedure")) {
    // Each rollback subsection is a level; a "Communication" subsection is not one (it stays unmapped).
    const candidates = top.children.length
      ? top.children.filter((c) => classifyHeading(c.heading) === "rollback_procedure" || /rollback|revert|restore|undo|\blevel\s*\d/i.test(c.heading))
      : [top];
    for (const s of candidates) {
      if (d.rollbackLevels.length >= 10) return;
      const steps: ShellStep[] = [];
      for (const block of d.doc.codeBlocks) {
        if (block.fromLine < s.bodyFrom || block.toLine > s.toLine) continue;
        if (isShellBlock(block)) {
          steps.push(...extractShellSteps(block));
          d.mark(block.fromLine, block.toLine);
        }
      }
      for (const it of extractItems(d.doc, s.bodyFrom, s.toLine)) {
        steps.push({ text: it.text, fromLine: it.line, toLine: it.line });
      }
      if (steps.length === 0 || d.rollbackLevels.length >= 10) continue;
      steps.sort((a, b) => a.fromLine - b.fromLine);
      const k = d.rollbackLevels.length;
      const name = s.heading.replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim() || `Level ${k + 1}`;
      const words = `${name} ${steps.map((st) => `${st.text} ${st.command ?? ""}`).join(" ")}`.toLowerCase();
      const scope = /\bflag\b|feature[- ]flag/.test(words) ? "flag" : /\b(data|database|migration|restore)\b/.test(name.toLowerCase()) ? "data" : "release";
      const objective = s.heading.match(/\(\s*(?:<|under|within|less than)?\s*([^)]*)\)/i);
      const objectiveSeconds = objective ? parseDuration(objective[1])?.seconds : undefined;
      d.rollbackLevels.push({
        name: name.slice(0, 120),
        scope,
        steps: steps.slice(0, 50).map((st) => ({ text: st.text, ...(st.command ? { command: st.command } : {}) })),
        ...(objectiveSeconds ? { objectiveSeconds } : {}),
      });
      d.source(`rollback.levels[${k}]`, s.line);
      steps.slice(0, 50).forEach((st, m) => {
        d.source(`rollback.levels[${k}].steps[${m}]`, st.fromLine, st.toLine);
      });
      if (!objectiveSeconds) {
        d.ask({
          field: `rollback.levels[${k}].objectiveSeconds`,
          question: `How long may "${name}" take? The document gives no time objective for it.`,
          proposed: null,
          blocking: false,
          source: { fromLine: s.line, toLine: s.line },
        });
      }
    }
  }
}

