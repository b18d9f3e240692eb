// Checklist sections, labelled item blocks, shell steps, sign-off roles, and the owners question.
import type { SectionKind } from "./classify";
import { parseCondition } from "./conditions";
import type { LabelledBlock, Section } from "./document";
import { descendants, rangeHasCheckbox, toItem, topSections, type Draft, type DraftWave, type Item } from "./draft";
import { extractShellSteps, isShellBlock } from "./extract-bash-steps";
import { extractItems } from "./extract-checkboxes";

/** Checkbox items of a section and its subsections, each grouped under the heading it sits under. */
export function extractChecklistSection(d: Draft, top: Section, into: Item[], path: string, checkboxesOnly?: boolean) {
  for (const s of descendants(top)) {
    if (into.length >= 200) return;
    const hasCheckboxes = rangeHasCheckbox(d.doc, s.bodyFrom, s.bodyTo);
    const items = extractItems(d.doc, s.bodyFrom, s.bodyTo, {
      group: s.heading,
      checkboxesOnly: checkboxesOnly ?? hasCheckboxes,
    });
    for (const it of items) {
      if (into.length >= 200) return;
      d.source(`${path}[${into.length}]`, it.line);
      into.push(toItem(it));
    }
  }
}


export function addItems(
  d: Draft,
  b: LabelledBlock,
  path: string,
  into: Item[],
  opts: { group: string; required?: boolean; bindMetrics?: boolean },
) {
  for (const it of extractItems(d.doc, b.fromLine, b.toLine, { group: opts.group.replace(/:$/, "") })) {
    if (into.length >= 100) break;
    const extra: Partial<Item> = opts.required === false ? { required: false } : {};
    if (opts.bindMetrics) {
      // "Error rate < 5%" checks itself against live data; only plain absolute conditions on a known metric bind.
      const c = parseCondition(it.text);
      if (c && c.metric?.kind === "known" && !c.relativeTo && c.forSeconds === undefined && /^[<>]/.test(c.thresholdText)) {
        extra.metric = { metric: c.metric.key, comparator: c.comparator, threshold: c.threshold };
      }
    }
    d.source(`${path}[${into.length}]`, it.line);
    into.push(toItem(it, extra));
  }
  if (b.label) d.mark(b.line);
}

export function addShellSteps(d: Draft, b: LabelledBlock, i: number, wave: DraftWave) {
  for (const block of d.doc.codeBlocks) {
    if (block.fromLine < b.fromLine || block.toLine > b.toLine || !isShellBlock(block)) continue;
    for (const step of extractShellSteps(block)) {
      if (wave.checklist.length >= 100) return;
      d.source(`waves[${i}].checklist[${wave.checklist.length}]`, step.fromLine, step.toLine);
      const text = step.command ? `${step.text}: ${step.command.split("\n")[0]}` : step.text;
      wave.checklist.push({ text: text.slice(0, 500), required: false, group: b.label || "Steps" });
    }
    d.mark(block.fromLine, block.toLine);
  }
}


export function extractSignoffs(d: Draft, kinds: Map<Section, SectionKind>) {
  for (const top of topSections(d.doc, kinds, "signoff")) {
    const roleSections = top.children.length ? top.children : [];
    for (const s of roleSections) {
      const role = s.heading.replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim().slice(0, 80);
      if (!role || d.preSignoffRoles.includes(role) || d.preSignoffRoles.length >= 20) continue;
      d.preSignoffRoles.push(role);
      d.source(`preSignoffs.roles[${d.preSignoffRoles.length - 1}]`, s.line);
      // What the role confirms by signing: items on the pre-deployment checklist that the role owns.
      for (const it of extractItems(d.doc, s.bodyFrom, s.toLine)) {
        if (d.preChecklist.length >= 200) break;
        d.source(`preChecklist[${d.preChecklist.length}]`, it.line);
        d.preChecklist.push({ text: it.text, ownerRole: role, required: it.required, group: `Sign-off: ${role}` });
      }
    }
    if (roleSections.length === 0) {
      for (const it of extractItems(d.doc, top.bodyFrom, top.bodyTo)) {
        if (it.checkbox && !it.ownerRole) {
          // "- [ ] Design details are appropriately documented" under "Release Signoff Checklist": a task to tick
          // before the release, not the name of someone who signs. It goes on the pre-deployment checklist.
          if (d.preChecklist.length >= 200) continue;
          d.source(`preChecklist[${d.preChecklist.length}]`, it.line);
          d.preChecklist.push(toItem({ ...it, group: top.heading.slice(0, 120) }));
          continue;
        }
        const role = (it.ownerRole ?? it.text).replace(/\([^)]*\)/g, "").trim().slice(0, 80);
        if (!role || d.preSignoffRoles.includes(role) || d.preSignoffRoles.length >= 20) continue;
        d.preSignoffRoles.push(role);
        d.source(`preSignoffs.roles[${d.preSignoffRoles.length - 1}]`, it.line);
      }
    }
  }
}

/**
 * One question per scope for the items that name no owner. Nothing is invented: the items stay unassigned (the
 * format's v2 rule: the release's commander answers for them) unless someone names an owner.
 */
export function askForOwners(d: Draft) {
  const commander = d.preSignoffRoles.find((r) => /commander/i.test(r)) ?? "Incident Commander";
  const scopes: { label: string; path: string; items: Item[] }[] = [
    { label: "pre-deployment checklist", path: "preChecklist", items: d.preChecklist },
    ...d.waves.map((w, i) => ({ label: `wave ${i + 1} (${w.name}) checklist`, path: `waves[${i}].checklist`, items: w.checklist })),
    { label: "hypercare checklist", path: "hypercare.checklist", items: d.hypercare.checklist },
  ];
  for (const scope of scopes) {
    const unowned = scope.items.map((it, k) => ({ it, k })).filter(({ it }) => !it.ownerRole);
    if (unowned.length === 0) continue;
    const first = d.sources[`${scope.path}[${unowned[0].k}]`] ?? { fromLine: 1, toLine: 1 };
    const last = d.sources[`${scope.path}[${unowned[unowned.length - 1].k}]`] ?? first;
    d.ask({
      field: `${scope.path}[*].ownerRole`,
      targets: unowned.map(({ k }) => `${scope.path}[${k}].ownerRole`),
      question: `${unowned.length} item(s) of the ${scope.label} name no owner. Who ticks them? Left unassigned, the release's commander (${commander}) answers for them.`,
      proposed: null,
      blocking: false,
      source: { fromLine: first.fromLine, toLine: last.toLine },
    });
  }
}

