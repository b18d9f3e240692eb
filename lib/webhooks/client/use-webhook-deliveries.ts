// One endpoint's delivery log, refreshed while open, and replay of a delivery.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DeliveryView } from "@/lib/webhooks/server/list-deliveries";
import { apiGet, apiPost } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type { DeliveryView };

export function useWebhookDeliveries(endpointId: string) {
  return useQuery({
    queryKey: queryKeys.webhookDeliveries(endpointId),
    queryFn: () => apiGet<{ deliveries: DeliveryView[] }>(`/api/webhooks/${encodeURIComponent(endpointId)}/deliveries?limit=50`).then((r) => r.deliveries),
    refetchInterval: 5_000,
  });
}

export function useReplayDelivery(endpointId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      apiPost<{ status: string; statusCode: number | null; error: string | null }>(
        `/api/webhooks/${encodeURIComponent(endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/replay`,
        {},
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.webhookDeliveries(endpointId) });
      void qc.invalidateQueries({ queryKey: queryKeys.webhooks });
    },
  });
}
