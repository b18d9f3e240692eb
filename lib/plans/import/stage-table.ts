// A promotion written as a table whose rows are the stages, in order: "| Ring | Purpose | Approvals |" with a row
// per ring, "| Environment | Traffic | Bake |" with a row per environment. The first column names the stage; a
// column headed as a share gives its percentage, a column headed as a bake or soak its duration. Rows with
// placeholders for names ("<ring>", "TBD") make no stage table.
import { parseDuration } from "./conditions";
import { cleanInline, tablesIn, type MarkdownDoc, type Table } from "./document";

const STAGE_COLUMN = /^(?:rings?|stages?|environments?|envs?|waves?|tiers?|cohorts?|deployment\s+(?:rings?|stages?))$/i;
const SHARE_COLUMN = /%|\b(?:traffic|share|exposure|percent(?:age)?|rollout|users?)\b/i;
const BAKE_COLUMN = /\b(?:bake|soak|wait|dwell|hold|duration)\b/i;
const PLACEHOLDER = /^(?:<[^>]*>|\[[^\]]*\]|tbd|tbc|todo|n\/a|\.\.\.|…|-|—)?$/i;

export interface TableStage {
  name: string;
  percent?: number;
  bakeSeconds?: number;
  line: number;
}

function readTable(table: Table): TableStage[] | undefined {
  if (!STAGE_COLUMN.test(cleanInline(table.header[0] ?? ""))) return undefined;
  if (table.rows.length < 2 || table.rows.length > 20) return undefined;
  const shareCol = table.header.findIndex((h, i) => i > 0 && SHARE_COLUMN.test(h));
  const bakeCol = table.header.findIndex((h, i) => i > 0 && BAKE_COLUMN.test(h));
  const stages: TableStage[] = [];
  for (const row of table.rows) {
    const name = cleanInline(row.cells[0] ?? "").slice(0, 80);
    if (PLACEHOLDER.test(name)) return undefined;
    const stage: TableStage = { name, line: row.n };
    const share = shareCol > 0 ? /(\d+(?:\.\d+)?)\s*%/.exec(row.cells[shareCol] ?? "") : null;
    if (share && Number(share[1]) > 0 && Number(share[1]) <= 100) stage.percent = Number(share[1]);
    const bake = bakeCol > 0 ? parseDuration(row.cells[bakeCol] ?? "") : undefined;
    // A range ("2-3 days") is no single bake: left unset, as a careful reader would ask.
    if (bake && !/\d\s*(?:-|–|to)\s*\d/.test(row.cells[bakeCol] ?? "")) stage.bakeSeconds = bake.seconds;
    stages.push(stage);
  }
  // Shares that fall back are no promotion order.
  const known = stages.filter((s) => s.percent !== undefined).map((s) => s.percent as number);
  if (known.some((p, i) => i > 0 && p < known[i - 1])) return undefined;
  return stages;
}

/** The first stage table between two lines that `usable` allows (by its first line), or undefined. */
export function stageTable(doc: MarkdownDoc, usable: (line: number) => boolean): TableStage[] | undefined {
  for (const table of tablesIn(doc, 1, doc.lines.length)) {
    if (!usable(table.fromLine)) continue;
    const stages = readTable(table);
    if (stages) return stages;
  }
  return undefined;
}
