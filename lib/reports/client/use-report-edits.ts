// People's part of the report: lessons learned and action items, each sent with the version seen (409 when stale).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiDelete, apiPatch, apiPost, apiPut } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export function useReportEdits(releaseId: string) {
  const qc = useQueryClient();
  const base = `/api/releases/${encodeURIComponent(releaseId)}/report`;
  const onSettled = () => void qc.invalidateQueries({ queryKey: queryKeys.report(releaseId) });
  return {
    lessons: useMutation({ mutationFn: (body: { text: string; expectedVersion: number }) => apiPut(`${base}/lessons`, body), onSettled }),
    addItem: useMutation({ mutationFn: (body: { text: string; owner: string; dueDate: string | null }) => apiPost(`${base}/action-items`, body), onSettled }),
    updateItem: useMutation({
      mutationFn: ({ id, ...body }: { id: string; expectedVersion: number; done?: boolean }) => apiPatch(`${base}/action-items/${encodeURIComponent(id)}`, body),
      onSettled,
    }),
    removeItem: useMutation({ mutationFn: (id: string) => apiDelete(`${base}/action-items/${encodeURIComponent(id)}`), onSettled }),
  };
}
