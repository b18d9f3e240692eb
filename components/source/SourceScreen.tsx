// A release's source document, read-only: every line as imported, the sections that did not go into the plan shaded
// and listed, so whatever the team wrote that Tidegate does not enforce is still one click from the board.
"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import type { LineRange } from "@/lib/plans/import/types";
import { usePlanSource } from "@/lib/plans/client/use-plan-source";
import { AppHeader } from "../layout/AppHeader";
import { Breadcrumb, CurrentCrumb, ReleasesCrumb } from "../layout/Breadcrumb";
import { SourceDocument } from "../plan-import/SourceDocument";
import { focusRing } from "../ui/Button";
import { PageLoading, PageProblem } from "../ui/PageState";
import { Panel } from "../ui/Panel";

export function SourceScreen({ releaseId }: { releaseId: string }) {
  const source = usePlanSource(releaseId);
  const [highlight, setHighlight] = useState<LineRange | null>(null);
  const lines = useMemo(() => source.data?.document.split("\n") ?? [], [source.data]);
  const unmapped = useMemo(() => {
    const set = new Set<number>();
    for (const u of source.data?.unmapped ?? []) for (let n = u.fromLine; n <= u.toLine; n++) set.add(n);
    return set;
  }, [source.data]);
  const back = `/releases/${encodeURIComponent(releaseId)}`;
  return (
    <>
      <AppHeader>
        <Breadcrumb
          items={[
            <ReleasesCrumb key="releases" />,
            <Link key="release" href={back} className="hover:underline">
              Release
            </Link>,
            <CurrentCrumb key="source">Source document</CurrentCrumb>,
          ]}
        />
      </AppHeader>
      <main className="mx-auto flex max-w-[1600px] flex-col gap-4 px-3 py-4 sm:px-5">
        {source.isPending ? (
          <PageLoading />
        ) : source.isError ? (
          <PageProblem title="Could not load the source document" onRetry={() => void source.refetch()}>
            {source.error.message}
          </PageProblem>
        ) : source.data === null ? (
          <PageProblem title="No source document">This release was created from a JSON plan, not imported from Markdown.</PageProblem>
        ) : (
          <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <Panel id="source" title={`Imported Markdown · ${lines.length} lines`}>
              <SourceDocument lines={lines} highlight={highlight} unmapped={unmapped} />
            </Panel>
            <Panel id="source-unmapped" title={`Not in the plan · ${source.data.unmapped.length}`}>
              <p className="mb-2 text-xs text-zinc-500 dark:text-zinc-400">
                Imported by {source.data.createdBy}. These sections are kept here; Tidegate does not act on them.
              </p>
              <ul className="flex flex-col gap-1" data-testid="source-unmapped">
                {source.data.unmapped.map((u) => (
                  <li key={`${u.fromLine}-${u.heading}`}>
                    <button
                      type="button"
                      onClick={() => setHighlight(u)}
                      className={`w-full rounded px-1 text-left text-sm hover:bg-zinc-100 dark:hover:bg-zinc-800 ${focusRing}`}
                    >
                      {u.heading} <span className="text-xs text-zinc-500 dark:text-zinc-400">lines {u.fromLine}-{u.toLine}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </Panel>
          </div>
        )}
      </main>
    </>
  );
}
