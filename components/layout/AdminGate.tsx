// Shows its content only to people with the `manage` permission; everyone else learns why, not a blank page.
// The server refuses them anyway: this only avoids offering what would be refused.
"use client";
import type { ReactNode } from "react";
import type { Me } from "@/lib/releases/client/types";
import { hasPermission, useMe } from "@/lib/auth/client/use-me";
import { LockIcon } from "../ui/icons";
import { PageLoading, PageProblem } from "../ui/PageState";

export function AdminGate({ why, children }: { why: string; children: (me: Me) => ReactNode }) {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.isError) {
    return (
      <PageProblem title="Could not check who you are" onRetry={() => void me.refetch()}>
        {me.error.message}
      </PageProblem>
    );
  }
  if (!hasPermission(me.data, "manage")) {
    return (
      <div data-testid="admin-only">
        <PageProblem title="Admins only">
          <span className="flex items-start gap-2">
            <LockIcon className="mt-0.5 size-4" />
            {why} You are signed in as {me.data.user.email} ({me.data.user.role}).
          </span>
        </PageProblem>
      </div>
    );
  }
  return <>{children(me.data)}</>;
}
