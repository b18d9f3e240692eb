// Administration: people and API tokens. Only for the `manage` permission; the server enforces it on every call,
// this screen just does not offer what would be refused.
"use client";
import { hasPermission, useMe } from "@/lib/client/use-me";
import { useReleases } from "@/lib/client/use-releases";
import { AppHeader } from "../layout/AppHeader";
import { focusRing } from "../ui/Button";
import { LockIcon } from "../ui/icons";
import { PageLoading, PageProblem } from "../ui/PageState";
import { TokensPanel } from "./TokensPanel";
import { UsersPanel } from "./UsersPanel";

const jump = `rounded text-sm font-semibold text-sky-700 underline underline-offset-2 dark:text-sky-400 ${focusRing}`;

export function AdminScreen() {
  const me = useMe();
  const isAdmin = hasPermission(me.data, "manage");
  const releases = useReleases();

  return (
    <>
      <AppHeader>
        <nav aria-label="Breadcrumb" className="hidden min-w-0 items-center gap-2 text-sm text-zinc-500 sm:flex dark:text-zinc-400">
          <span aria-hidden="true">/</span>
          <span className="text-zinc-800 dark:text-zinc-200" aria-current="page">
            Admin
          </span>
        </nav>
      </AppHeader>
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5">
        {me.isPending ? (
          <PageLoading />
        ) : me.isError ? (
          <PageProblem title="Could not check who you are" onRetry={() => void me.refetch()}>
            {me.error.message}
          </PageProblem>
        ) : !isAdmin ? (
          <div data-testid="admin-only">
            <PageProblem title="Admins only">
              <span className="flex items-start gap-2">
                <LockIcon className="mt-0.5 size-4" />
                People and API tokens are managed by admins. You are signed in as {me.data.user.email} ({me.data.user.role}).
              </span>
            </PageProblem>
          </div>
        ) : (
          <>
            <div className="flex flex-wrap items-end justify-between gap-x-6 gap-y-2">
              <h1 className="text-2xl font-bold tracking-tight">Administration</h1>
              <nav aria-label="Sections" className="flex gap-4">
                <a href="#tokens-title" className={jump}>
                  API tokens
                </a>
                <a href="#users-title" className={jump}>
                  People
                </a>
              </nav>
            </div>
            <TokensPanel releases={releases.data ?? []} />
            <UsersPanel selfId={me.data.user.id} />
          </>
        )}
      </main>
    </>
  );
}
