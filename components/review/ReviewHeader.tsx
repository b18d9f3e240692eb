// The release under review: what ships, where the rollout is, status and health, back to the board, print.
"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { formatClock } from "@/lib/platform/browser/format-time";
import type { ReleaseView } from "@/lib/releases/client/types";
import { Button } from "../ui/Button";
import { HealthBadge } from "../ui/HealthBadge";
import { ArrowLeftIcon, PrintIcon } from "../ui/icons";
import { StatusBadge } from "../ui/StatusBadge";
import { linkButton } from "./review-styles";

function whereText(view: ReleaseView): string {
  const wave = view.waves[view.currentWaveIndex];
  if (view.status === "draft") return `Not started · ${view.waves.length} waves`;
  return `Wave ${view.currentWaveIndex + 1} of ${view.waves.length}${wave ? ` · ${wave.name}` : ""} · ${view.trafficPercent}% traffic`;
}

/** The time on a printout is when it was printed, not when the page was opened. */
function usePrintedAt(): number {
  const [at, setAt] = useState(() => Date.now());
  useEffect(() => {
    const stamp = () => setAt(Date.now());
    window.addEventListener("beforeprint", stamp);
    return () => window.removeEventListener("beforeprint", stamp);
  }, []);
  return at;
}

export function ReviewHeader({ view, viewer }: { view: ReleaseView; viewer: string | null }) {
  const printedAt = usePrintedAt();
  return (
    <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
      <div className="min-w-0">
        <p className="text-xs font-semibold tracking-wider text-zinc-500 uppercase dark:text-zinc-400">Go / no-go review</p>
        <h1 className="text-2xl font-bold tracking-tight break-words uppercase sm:text-3xl">{view.name}</h1>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          {view.service} <span className="font-mono">{view.serviceVersion}</span>
          <span className="mx-2 text-zinc-300 dark:text-zinc-700">|</span>
          {whereText(view)}
        </p>
        <p className="mt-1 hidden text-xs print:block">
          Printed {new Date(printedAt).toLocaleString()}
          {viewer ? ` by ${viewer}` : ""} · release state v{view.version} as of {formatClock(view.updatedAt, printedAt)}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <StatusBadge status={view.status} size="md" testId="review-release-status" />
        <HealthBadge health={view.health} status={view.status} size="md" />
        <Link href={`/releases/${encodeURIComponent(view.id)}`} className={`${linkButton} print:hidden`} data-testid="review-link-board">
          <ArrowLeftIcon />
          Board
        </Link>
        {/* Nobody prints from a phone; there the button only pushes the page down. */}
        <span className="hidden sm:contents print:hidden">
          <Button onClick={() => window.print()} data-testid="review-print">
            <PrintIcon />
            Print
          </Button>
        </span>
      </div>
    </div>
  );
}
