// Administration: people, API tokens, webhooks, and the trail of what admins did. Only for the `manage` permission; the server enforces it on every call,
// this screen just does not offer what would be refused.
"use client";
import { useReleases } from "@/lib/releases/client/use-releases";
import { AdminGate } from "../layout/AdminGate";
import { AppHeader } from "../layout/AppHeader";
import { Breadcrumb, CurrentCrumb } from "../layout/Breadcrumb";
import { focusRing } from "../ui/Button";
import { AuditPanel } from "./AuditPanel";
import { EnvironmentsPanel } from "./EnvironmentsPanel";
import { PoliciesPanel } from "./PoliciesPanel";
import { TokensPanel } from "./TokensPanel";
import { UsersPanel } from "./UsersPanel";
import { TrafficRoutersPanel } from "./TrafficRoutersPanel";
import { WebhooksPanel } from "./WebhooksPanel";

const jump = `rounded text-sm font-semibold text-sky-700 underline underline-offset-2 dark:text-sky-400 ${focusRing}`;

export function AdminScreen() {
  const releases = useReleases();

  return (
    <>
      <AppHeader>
        <Breadcrumb items={[<CurrentCrumb key="admin">Admin</CurrentCrumb>]} />
      </AppHeader>
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5">
        <AdminGate why="People and API tokens are managed by admins.">
          {(me) => (
            <>
              <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
                <h1 className="text-2xl font-bold tracking-tight">Administration</h1>
                <nav aria-label="Sections" className="flex flex-wrap gap-x-4 gap-y-1">
                  <a href="#tokens-title" className={jump}>
                    API tokens
                  </a>
                  <a href="#users-title" className={jump}>
                    People
                  </a>
                  <a href="#webhooks-title" className={jump}>
                    Webhooks
                  </a>
                  <a href="#traffic-routers-title" className={jump}>
                    Traffic routers
                  </a>
                  <a href="#environments-title" className={jump}>
                    Environments
                  </a>
                  <a href="#policies-title" className={jump}>
                    Policies
                  </a>
                  <a href="#audit-title" className={jump}>
                    Activity
                  </a>
                </nav>
              </div>
              <TokensPanel releases={releases.data ?? []} />
              <UsersPanel selfId={me.user.id} />
              <WebhooksPanel />
              <TrafficRoutersPanel />
              <EnvironmentsPanel />
              <PoliciesPanel />
              <AuditPanel />
            </>
          )}
        </AdminGate>
      </main>
    </>
  );
}
