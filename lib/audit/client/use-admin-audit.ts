// The admin audit log for the admin screen: newest first, a page at a time ("Show older" asks for the next cursor).
import { useInfiniteQuery } from "@tanstack/react-query";
import type { AdminAuditPage } from "@/lib/audit/server/read-admin-audit";
import { apiGet } from "../../platform/browser/api-client";
import { queryKeys } from "../../platform/browser/query-keys";

export type { AdminAuditEntry } from "@/lib/audit/server/read-admin-audit";

const PAGE = 25;

export function useAdminAudit() {
  return useInfiniteQuery({
    queryKey: queryKeys.adminAudit,
    queryFn: ({ pageParam }) => apiGet<AdminAuditPage>(`/api/audit?limit=${PAGE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Actions taken in this screen (or by another admin) show up without a reload.
    refetchInterval: 15_000,
  });
}
