// Webhook endpoints (admin only): the list, and the changes an admin makes to them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { EndpointView } from "@/lib/webhooks/server/endpoint-view";
import { apiDelete, apiGet, apiPatch, apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type { EndpointView };
export type CreatedEndpoint = EndpointView & { secret: string };

export function useWebhooks() {
  return useQuery({ queryKey: queryKeys.webhooks, queryFn: () => apiGet<{ endpoints: EndpointView[] }>("/api/webhooks").then((r) => r.endpoints) });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { url: string; kind: "standard" | "slack"; description?: string; events?: string[] }) => apiPost<CreatedEndpoint>("/api/webhooks", input),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}

export function useUpdateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; enabled?: boolean }) => apiPatch<EndpointView>(`/api/webhooks/${encodeURIComponent(id)}`, patch),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/webhooks/${encodeURIComponent(id)}`),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}

export function useRotateWebhookSecret() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost<CreatedEndpoint>(`/api/webhooks/${encodeURIComponent(id)}/rotate-secret`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.webhooks }),
  });
}
