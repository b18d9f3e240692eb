// What every screen about one release shares: the top bar with the breadcrumb and the live indicator, then either the
// screen (once the release is loaded), a loading state, "not found", or a load error with a retry.
"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { isApiError } from "@/lib/platform/browser/api-error";
import type { ReleaseView } from "@/lib/releases/client/types";
import type { LiveStatus } from "@/lib/releases/client/use-release-live";
import { ConnectionIndicator } from "../ui/ConnectionIndicator";
import { PageLoading, PageProblem } from "../ui/PageState";
import { AppHeader } from "./AppHeader";
import { Breadcrumb, ReleasesCrumb } from "./Breadcrumb";

// On paper: black on white whatever the screen's colour scheme; state is in words and icons anyway.
const PRINT_MAIN = "print:max-w-none print:gap-3 print:bg-white print:p-0 print:text-black print:**:border-zinc-400 print:**:bg-transparent print:**:text-black print:**:shadow-none";

export function ReleaseScreenFrame({
  releaseId,
  release,
  live,
  loadingLabel,
  crumbs,
  printable = false,
  children,
}: {
  releaseId: string;
  release: UseQueryResult<ReleaseView>;
  live: LiveStatus;
  loadingLabel: string;
  /** The breadcrumb after "Releases /", once the release is known. */
  crumbs: (view: ReleaseView) => ReactNode;
  /** Drops the top bar on paper and prints the screen in black on white. */
  printable?: boolean;
  children: (view: ReleaseView) => ReactNode;
}) {
  const view = release.data;
  const header = (
    <AppHeader>
      <Breadcrumb items={view ? [<ReleasesCrumb key="releases" />, <span key="release" className="contents">{crumbs(view)}</span>] : [<ReleasesCrumb key="releases" />]} />
      <span className="ml-auto">
        <ConnectionIndicator state={live.state} offlineSince={live.offlineSince} />
      </span>
    </AppHeader>
  );

  return (
    <>
      {/* display:contents keeps the header sticky to the page while print can still drop it. */}
      {printable ? <div className="contents print:hidden">{header}</div> : header}
      <main className={`mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5 ${printable ? PRINT_MAIN : ""}`}>
        {view ? (
          children(view)
        ) : release.isError ? (
          isApiError(release.error) && release.error.status === 404 ? (
            <PageProblem title="Release not found">There is no release with id “{releaseId}”.</PageProblem>
          ) : (
            <PageProblem title="The release could not be loaded" onRetry={() => void release.refetch()}>
              {release.error.message}
            </PageProblem>
          )
        ) : (
          <PageLoading label={loadingLabel} />
        )}
      </main>
    </>
  );
}
