// Which uploads the importer refuses before reading them, and why: empty, enormous, binary, or not Markdown at all.
import { MAX_MARKDOWN_BYTES } from "./import-plan";

export interface InputRefusal {
  status: 400 | 413 | 415 | 422;
  code: "empty_document" | "document_too_large" | "binary_document" | "not_markdown";
  message: string;
  details: Record<string, unknown>;
}

/** `bytes` is the upload's size in UTF-8 bytes (the route knows it before decoding). */
export function checkMarkdownInput(text: string, bytes: number): InputRefusal | null {
  if (bytes > MAX_MARKDOWN_BYTES) {
    return {
      status: 413,
      code: "document_too_large",
      message: `The document is ${(bytes / 1024 / 1024).toFixed(1)} MB; the importer reads up to ${MAX_MARKDOWN_BYTES / 1024 / 1024} MB`,
      details: { bytes, limit: MAX_MARKDOWN_BYTES },
    };
  }
  if (text.trim() === "") {
    return { status: 400, code: "empty_document", message: "The document is empty: paste or upload a Markdown rollout plan", details: {} };
  }
  // NUL bytes, many control characters or many U+FFFD (bytes that were not UTF-8) mean a binary file.
  const sample = text.slice(0, 64 * 1024);
  let suspicious = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return binary(i);
    if ((c < 9 || (c > 13 && c < 32)) || c === 0xfffd) suspicious++;
  }
  if (suspicious / sample.length > 0.02) return binary(-1);
  const trimmed = text.trimStart();
  if (/^[[{]/.test(trimmed) && looksLikeJson(trimmed)) {
    return notMarkdown("This is JSON, not Markdown. A JSON plan is created directly: POST it to /api/releases", "json");
  }
  if (/^<(!doctype|html|\?xml)/i.test(trimmed)) {
    return notMarkdown("This is HTML or XML, not Markdown. Export the plan as Markdown (.md) and import that", "markup");
  }
  // A rollout document has some structure: a heading, a list or a table.
  if (!/^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|\|)/m.test(text)) {
    return notMarkdown("No heading, list or table found: this does not read as a Markdown rollout plan", "no_structure");
  }
  return null;
}

function binary(offset: number): InputRefusal {
  return {
    status: 415,
    code: "binary_document",
    message: "This looks like a binary file, not Markdown text. Upload the plan as a UTF-8 .md file",
    details: offset >= 0 ? { nulAt: offset } : {},
  };
}

function notMarkdown(message: string, kind: string): InputRefusal {
  return { status: 422, code: "not_markdown", message, details: { kind } };
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
