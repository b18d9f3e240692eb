// Reads a Markdown rollout document into a draft plan on the server; nothing is written.
import { useMutation } from "@tanstack/react-query";
import type { ImportResult } from "../import/types";
import { apiPost } from "../../platform/browser/api-client";

export function useImportPlan() {
  return useMutation({ mutationFn: (markdown: string) => apiPost<ImportResult>("/api/plans/import", { markdown }) });
}
