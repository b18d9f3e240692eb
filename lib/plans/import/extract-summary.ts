// The plan's name, version, service and description from the title and the summary section.
import { labelledBlocks, cleanInline, lineAt, type LineRange } from "./document";
import type { SectionKind } from "./classify";
import type { Section } from "./document";
import { topSections, type Draft } from "./draft";

/**
 * YAML front matter ("---" on the first line, "---" again within 60 lines), as static-site pages and issue templates
 * open: its last line and its "title:" or "name:" value.
 */
export function frontMatter(lines: string[]): { toLine: number; title?: string } | undefined {
  if (lines[0]?.trim() !== "---") return undefined;
  for (let i = 1; i < Math.min(lines.length, 60); i++) {
    if (lines[i].trim() !== "---") continue;
    const field = (key: string) => {
      for (let k = 1; k < i; k++) {
        const m = lines[k].match(new RegExp(`^${key}\\s*:\\s*(.*)$`, "i"));
        const v = m?.[1].trim().replace(/^(["'])(.*)\1$/, "$2").trim();
        if (v) return v;
      }
      return undefined;
    };
    return { toLine: i + 1, title: field("title") ?? field("name") };
  }
  return undefined;
}

export function extractTitle(d: Draft) {
  const front = frontMatter(d.doc.lines);
  const h1 = d.doc.sections.find((s) => s.level === 1);
  if (!h1 && front?.title) {
    d.name = front.title.slice(0, 120);
    d.source("name", 1, front.toLine);
    return;
  }
  const title = h1 ?? d.doc.sections[0];
  if (title) {
    d.name = title.heading.slice(0, 120);
    d.source("name", title.line);
  } else {
    d.name = "Imported plan";
    d.ask({
      field: "name",
      question: "The document has no title heading. What is this release called?",
      proposed: "Imported plan",
      blocking: true,
      source: { fromLine: 1, toLine: 1 },
    });
  }
}

export const VERSION = /\bv(\d+\.\d+(?:\.\d+)?(?:-[0-9A-Za-z.]+)?)\b|\bversion\s*[:=]?\s*v?(\d+(?:\.\d+){1,2}(?:-[0-9A-Za-z.]+)?)\b/i;

export function extractSummary(d: Draft, kinds: Map<Section, SectionKind>) {
  const { doc } = d;
  // The version: the first "v1.2.3" or "version 1.2" outside code, wherever it is written.
  for (let n = 1; n <= doc.lines.length && !d.version; n++) {
    if (doc.inCode[n]) continue;
    const m = lineAt(doc, n).match(VERSION);
    if (m) {
      d.version = (m[1] ?? m[2]).slice(0, 60);
      d.source("version", n);
    }
  }
  // The summary section, else the lines under the title, else what comes before the first heading.
  const title = doc.sections.find((s) => s.level === 1);
  const summary = topSections(doc, kinds, "summary")[0] ?? (title && title.bodyTo >= title.bodyFrom ? title : undefined);
  const scope: LineRange = summary
    ? { fromLine: summary.bodyFrom, toLine: summary.bodyTo }
    : { fromLine: Math.max(doc.root.bodyFrom, (frontMatter(doc.lines)?.toLine ?? 0) + 1), toLine: doc.root.bodyTo };
  const blocks = labelledBlocks(doc, scope.fromLine, scope.toLine);
  const serviceBlock = blocks.find((b) => /^(service|system|component|application|app)$/i.test(b.label)) ?? blocks.find((b) => /^(target|scope)$/i.test(b.label));
  if (serviceBlock?.rest) {
    const service = serviceBlock.rest
      .replace(VERSION, "")
      .replace(/^(deploy|release|roll ?out|ship|launch)\s+(the\s+)?/i, "")
      .replace(/\s+(to|into|in|on)\s+(production|prod|staging).*$/i, "")
      .replace(/\(\s*\)|\s+using\s+.*$/gi, "")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 120);
    if (service) {
      d.service = service;
      d.source("service", serviceBlock.line);
    }
  }
  const description = blocks
    .filter((b) => b !== serviceBlock)
    .map((b) => (b.label ? `${b.label}: ${b.rest}` : cleanInline(doc.lines.slice(b.fromLine - 1, b.toLine).join(" "))))
    .filter((t) => t.trim())
    .join(" ")
    .slice(0, 2000);
  if (description) {
    d.description = description;
    d.source("description", scope.fromLine, scope.toLine);
  }
  if (!d.version) {
    d.version = "0.0.0";
    d.ask({
      field: "version",
      question: "The document names no version (such as v1.2.0). Which version does this release roll out?",
      proposed: "0.0.0",
      blocking: true,
      source: { fromLine: 1, toLine: Math.min(doc.lines.length, 5) },
    });
  }
  if (!d.service) {
    const proposed = (d.name ?? "service").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60) || "service";
    d.service = proposed;
    d.ask({
      field: "service",
      question: "Which service does this plan roll out? The document does not say (no Service: or Target: line).",
      proposed,
      blocking: true,
      source: { fromLine: scope.fromLine, toLine: Math.max(scope.fromLine, Math.min(scope.toLine, scope.fromLine + 4)) },
    });
  }
}

