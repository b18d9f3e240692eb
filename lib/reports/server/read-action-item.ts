// One action item of a report as the API shows it, read after an edit committed.
import "server-only";
import type { ActionItem } from "../core/build-report";
import { db } from "../../platform/db/client";
import { toActionItem } from "./get-report";

export async function readActionItem(id: string): Promise<ActionItem | null> {
  const row = await db().reportActionItem.findUnique({ where: { id } });
  return row ? toActionItem(row) : null;
}
