// Reads the document a release's plan was imported from, with the sections the importer did not map.
import "server-only";
import type { UnmappedSection } from "../import/types";
import { db } from "../../platform/db/client";

export interface PlanSourceView {
  releaseId: string;
  format: string;
  document: string;
  unmapped: UnmappedSection[];
  createdBy: string;
  createdAt: string;
}

export async function getPlanSource(releaseId: string): Promise<PlanSourceView | null> {
  const row = await db().planSource.findUnique({ where: { releaseId } });
  if (!row) return null;
  return {
    releaseId,
    format: row.format,
    document: row.document,
    unmapped: JSON.parse(row.unmappedJson) as UnmappedSection[],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
