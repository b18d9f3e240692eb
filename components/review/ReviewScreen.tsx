// The go/no-go review for product managers and leads: what blocks the next wave and who owns it, the sign-off
// matrix and every checklist, live, with the controls for people who may tick and sign. Prints cleanly.
"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { isApiError } from "@/lib/client/api-error";
import { matchesFilter, NO_FILTER, type ChecklistFilter } from "@/lib/client/review-checklist";
import { useMe } from "@/lib/client/use-me";
import { useRelease } from "@/lib/client/use-release";
import { useReleaseEvents } from "@/lib/client/use-release-events";
import { useReleaseLive } from "@/lib/client/use-release-live";
import { AppHeader } from "../layout/AppHeader";
import { ConnectionIndicator } from "../ui/ConnectionIndicator";
import { PageLoading, PageProblem } from "../ui/PageState";
import { BlockingGates } from "./BlockingGates";
import { ChecklistPanel } from "./ChecklistPanel";
import { itemAnchor } from "./checklist-grid";
import { ReviewHeader } from "./ReviewHeader";
import { SignoffMatrix } from "./SignoffMatrix";
import { StaleNotice } from "./StaleNotice";

export function ReviewScreen({ releaseId }: { releaseId: string }) {
  const release = useRelease(releaseId);
  const live = useReleaseLive(releaseId, release.data?.lastSeq);
  const events = useReleaseEvents(releaseId);
  const me = useMe();
  const [filter, setFilter] = useState<ChecklistFilter>(NO_FILTER);
  const [jumpTo, setJumpTo] = useState<string | null>(null);
  const view = release.data;

  // "Show me" from the blocking box: after the filters let the item through, bring it into view and focus it.
  useEffect(() => {
    if (!jumpTo) return;
    const el = document.getElementById(itemAnchor(jumpTo));
    if (el) {
      el.scrollIntoView({ block: "center" });
      el.focus({ preventScroll: true });
      // Focus after a click shows no ring (not :focus-visible), so a short fade says "this one".
      el.animate?.([{ backgroundColor: "rgb(14 165 233 / 0.28)" }, { backgroundColor: "transparent" }], { duration: 1800, easing: "ease-out" });
    }
    setJumpTo(null);
  }, [jumpTo, filter]);

  const showItem = (itemId: string) => {
    const item = view && [...view.preChecklist, ...view.waves.flatMap((w) => w.checklist)].find((c) => c.id === itemId);
    if (item && !matchesFilter(item, filter)) setFilter(NO_FILTER);
    setJumpTo(itemId);
  };

  return (
    <>
      {/* display:contents keeps the header sticky to the page while print can still drop it. */}
      <div className="contents print:hidden">
        <AppHeader>
          <nav aria-label="Breadcrumb" className="hidden min-w-0 items-center gap-2 text-sm text-zinc-500 sm:flex dark:text-zinc-400">
            <span aria-hidden="true">/</span>
            <Link href="/" className="hover:underline">
              Releases
            </Link>
            {view ? (
              <>
                <span aria-hidden="true">/</span>
                <Link href={`/releases/${encodeURIComponent(view.id)}`} className="min-w-0 truncate hover:underline">
                  {view.name}
                </Link>
                <span aria-hidden="true">/</span>
                <span className="text-zinc-800 dark:text-zinc-200" aria-current="page">
                  Review
                </span>
              </>
            ) : null}
          </nav>
          <span className="ml-auto">
            <ConnectionIndicator state={live.state} offlineSince={live.offlineSince} />
          </span>
        </AppHeader>
      </div>
      {/* On paper: black on white whatever the screen's colour scheme; state is in words and icons anyway. */}
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5 print:max-w-none print:gap-3 print:bg-white print:p-0 print:text-black print:**:border-zinc-400 print:**:bg-transparent print:**:text-black print:**:shadow-none">
        {!view ? (
          release.isError ? (
            isApiError(release.error) && release.error.status === 404 ? (
              <PageProblem title="Release not found">There is no release with id “{releaseId}”.</PageProblem>
            ) : (
              <PageProblem title="The release could not be loaded" onRetry={() => void release.refetch()}>
                {release.error.message}
              </PageProblem>
            )
          ) : (
            <PageLoading label="Loading review…" />
          )
        ) : (
          <>
            <StaleNotice state={live.state} offlineSince={live.offlineSince} />
            <ReviewHeader view={view} viewer={me.data?.user.email ?? null} />
            <BlockingGates view={view} onShowItem={showItem} />
            <SignoffMatrix
              view={view}
              events={events}
              me={me.data}
            />
            <ChecklistPanel view={view} me={me.data} filter={filter} onFilter={setFilter} />
          </>
        )}
      </main>
    </>
  );
}
