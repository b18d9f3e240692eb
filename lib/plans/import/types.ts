// The importer's answer: a draft plan, what a person must decide, what was not mapped, and where each field came from.
import type { LineRange } from "./document";

export type { LineRange };

export interface ImportQuestion {
  /** Stable within one import (derived from the field), so answers can refer to it. */
  id: string;
  /** The plan field the answer sets, as a path ("waves[1].bakeSeconds"); a group of fields ends in "[*]..." */
  field: string;
  /** Every concrete path the answer is written to. */
  targets: string[];
  question: string;
  /** What the draft plan holds until someone answers; null when the proposal is to leave the field out. */
  proposed: unknown;
  /** Blocking questions must be answered (or the proposal confirmed) before a release is created. */
  blocking: boolean;
  source: LineRange;
  /** The document's own words the question is about. */
  excerpt: string;
}

export interface UnmappedSection extends LineRange {
  heading: string;
}

export interface ImportResult {
  /** A plan input (v2 format) with every proposal filled in: it validates as it is. */
  plan: Record<string, unknown>;
  questions: ImportQuestion[];
  unmapped: UnmappedSection[];
  /** Field path -> the lines it was taken from. */
  sources: Record<string, LineRange>;
  /** How many garbled characters (double-encoded UTF-8) were repaired. */
  repairedCharacters: number;
  /** The normalized document the line numbers refer to. */
  normalized: string;
}
