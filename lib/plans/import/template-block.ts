// "Runbook template (copy/paste)" and then the whole template inside one ```md fence: the fence only keeps the
// Markdown from rendering so it can be copied; what a person imports is the template itself. Read as code, every
// phase and checklist in it was invisible and the plan came out as one placeholder wave.
import { parseMarkdown } from "./document";

/** Outside the fence, a title and a sentence or two of introduction at most. */
const MAX_LINES_AROUND = 5;

/**
 * The lines with the fence of a document-wide Markdown block blanked (line numbers are kept, so every source still
 * points at the document as written), or the lines unchanged when the document is not such a template.
 */
export function unwrapTemplateBlock(lines: string[]): string[] {
  const doc = parseMarkdown(lines);
  if (doc.codeBlocks.length !== 1) return lines;
  const block = doc.codeBlocks[0];
  if (!["md", "markdown"].includes(block.lang) || block.toLine - block.fromLine < 10) return lines;
  // The fence must close (a block left open to the end is not a template with a body we know the end of).
  if (!/^\s*(```|~~~)/.test(lines[block.toLine - 1] ?? "") || block.toLine === block.fromLine) return lines;
  // The template must hold headings of its own: a fenced example of a few list lines is an example, not a document.
  if (!block.body.some((l) => /^#{1,6}\s/.test(l.text))) return lines;
  let around = 0;
  for (let n = 1; n <= lines.length; n++) {
    if (n >= block.fromLine && n <= block.toLine) continue;
    const text = lines[n - 1].trim();
    if (text !== "" && !/^#{1,6}\s/.test(text)) around++;
  }
  if (around > MAX_LINES_AROUND) return lines;
  const out = [...lines];
  out[block.fromLine - 1] = "";
  out[block.toLine - 1] = "";
  return out;
}
