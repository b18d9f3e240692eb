// One checklist item: state, text (and its metric condition), owner, the last change with reason and evidence,
// and the controls. Labels that the desktop header row shows are screen-reader text there and visible on phones.
"use client";
import { formatClock } from "@/lib/platform/browser/format-time";
import { describeBinding, metricBinding, stateOf, type ChecklistItemView } from "@/lib/releases/client/review-checklist";
import { PulseIcon } from "../ui/icons";
import { ChecklistItemActions } from "./ChecklistItemActions";
import { ChecklistStateBadge } from "./ChecklistStateBadge";
import { ITEM_GRID, itemAnchor } from "./checklist-grid";

const label = "text-xs font-semibold text-zinc-500 md:sr-only dark:text-zinc-400";

export function ChecklistItemRow({
  releaseId,
  item,
  waveKey,
  canTick,
  ownerLock = null,
  readOnlyHintId,
  metricNow,
}: {
  releaseId: string;
  item: ChecklistItemView;
  /** The wave index, or "pre" for the pre-deployment checklist. */
  waveKey: string;
  canTick: boolean;
  /** Why the ownership rule keeps this person from changing the item, shown under its controls. */
  ownerLock?: string | null;
  readOnlyHintId: string;
  /** The bound metric's current value in its unit, when the item is metric-bound. */
  metricNow?: string | null;
}) {
  const state = stateOf(item);
  const binding = metricBinding(item);
  return (
    <li
      id={itemAnchor(item.id)}
      tabIndex={-1}
      data-testid="checklist-item"
      data-item-id={item.id}
      data-state={state}
      data-wave={waveKey}
      className={`${ITEM_GRID} scroll-mt-20 px-2 py-2.5 sm:px-3 outline-none focus-visible:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset dark:focus-visible:bg-sky-950/40 print:break-inside-avoid print:px-1 print:py-1.5`}
    >
      <div className="pt-0.5">
        <span className="sr-only">State: </span>
        <ChecklistStateBadge state={state} />
      </div>

      <div className="min-w-0">
        <p className="text-sm font-medium break-words">{item.text}</p>
        {item.group ? <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="checklist-group">{item.group}</p> : null}
        {!item.required || binding ? (
          <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs">
            {!item.required ? (
              <span className="rounded bg-zinc-100 px-1.5 py-px font-semibold text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400" title="Optional items never block a wave">
                Optional
              </span>
            ) : null}
            {binding ? (
              <span data-testid="checklist-auto" className="inline-flex items-center gap-1 font-medium text-sky-800 dark:text-sky-300">
                <PulseIcon className="size-3.5" />
                auto: {describeBinding(binding)}
                {metricNow !== undefined ? (
                  <span className="font-normal text-zinc-600 tabular-nums dark:text-zinc-400">{" · "}{metricNow === null ? "no live data yet" : `now ${metricNow}`}</span>
                ) : null}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>

      <div className="col-span-2 text-sm md:col-span-1">
        <span className={label}>Owner: </span>
        {item.ownerRole ? (
          <span className="font-medium text-zinc-800 dark:text-zinc-200">{item.ownerRole}</span>
        ) : (
          <span data-testid="checklist-unassigned" className="font-medium text-amber-800 dark:text-amber-300" title="No owner role in the plan: the release's commander answers for it">
            Unassigned (commander)
          </span>
        )}
      </div>

      <div className="col-span-2 min-w-0 text-xs text-zinc-600 md:col-span-1 dark:text-zinc-400">
        <span className={label}>Last change: </span>
        {item.updatedBy && item.updatedAt ? (
          <span>
            <span className="break-all text-zinc-800 dark:text-zinc-200">{item.updatedBy}</span>
            {" · "}
            <time dateTime={item.updatedAt} title={new Date(item.updatedAt).toLocaleString()} className="tabular-nums">
              {formatClock(item.updatedAt)}
            </time>
          </span>
        ) : (
          <span>not changed yet</span>
        )}
        {item.reason ? (
          <p className="mt-0.5 break-words text-zinc-700 italic dark:text-zinc-300">
            <span className="sr-only">Reason: </span>“{item.reason}”
          </p>
        ) : null}
        {item.evidenceUrl && /^https?:\/\//i.test(item.evidenceUrl) ? (
          <p className="mt-0.5 min-w-0">
            <a
              href={item.evidenceUrl}
              target="_blank"
              rel="noopener noreferrer nofollow"
              data-testid="checklist-evidence-link"
              className="font-semibold text-sky-700 underline underline-offset-2 dark:text-sky-400"
            >
              Evidence<span className="sr-only"> (opens in a new tab)</span>
              <span aria-hidden="true"> ↗</span>
            </a>
            {/* On paper a link is only useful as its address. */}
            <span className="hidden break-all print:inline"> {item.evidenceUrl}</span>
          </p>
        ) : null}
      </div>

      <div className="col-span-2 md:col-span-3 md:col-start-2 xl:col-span-1 xl:col-start-auto print:hidden">
        <ChecklistItemActions releaseId={releaseId} item={item} canTick={canTick} readOnlyHintId={readOnlyHintId} />
        {ownerLock ? (
          <p data-testid="checklist-owner-lock" className="mt-1 text-xs text-zinc-600 xl:text-right dark:text-zinc-400">
            {ownerLock}
          </p>
        ) : null}
      </div>
    </li>
  );
}
