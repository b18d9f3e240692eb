// The go/no-go review for product managers and leads: what blocks the next wave and who owns it, the sign-off
// matrix and every checklist, live, with the controls for people who may tick and sign. Prints cleanly.
"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { matchesFilter, NO_FILTER, type ChecklistFilter } from "@/lib/releases/client/review-checklist";
import { useMe } from "@/lib/auth/client/use-me";
import { useRelease } from "@/lib/releases/client/use-release";
import { useReleaseEvents } from "@/lib/releases/client/use-release-events";
import { useReleaseLive } from "@/lib/releases/client/use-release-live";
import { ReleaseScreenFrame } from "../layout/ReleaseScreenFrame";
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-runs when the filter changes, which is when the item appears
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
    <ReleaseScreenFrame
      releaseId={releaseId}
      release={release}
      live={live}
      loadingLabel="Loading review…"
      printable
      crumbs={(v) => (
        <>
          <Link href={`/releases/${encodeURIComponent(v.id)}`} className="min-w-0 truncate hover:underline">
            {v.name}
          </Link>
          <span aria-hidden="true">/</span>
          <span className="text-zinc-800 dark:text-zinc-200" aria-current="page">
            Review
          </span>
        </>
      )}
    >
      {(view) => (
        <>
          <StaleNotice state={live.state} offlineSince={live.offlineSince} />
          <ReviewHeader view={view} viewer={me.data?.user.email ?? null} />
          <BlockingGates view={view} onShowItem={showItem} />
          <SignoffMatrix view={view} events={events} me={me.data} />
          <ChecklistPanel view={view} me={me.data} filter={filter} onFilter={setFilter} />
        </>
      )}
    </ReleaseScreenFrame>
  );
}
