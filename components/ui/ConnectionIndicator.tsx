// Whether what the screen shows is live. People must not act on a board that has stopped updating.
"use client";
import type { ConnectionState } from "@/lib/realtime/client/connection-store";
import { formatClock } from "@/lib/platform/browser/format-time";
import { OfflineIcon, RetryIcon } from "./icons";

export function ConnectionIndicator({
  state,
  offlineSince,
  size = "md",
}: {
  state: ConnectionState;
  offlineSince: number | null;
  size?: "md" | "lg";
}) {
  const text =
    state === "live"
      ? "Live"
      : state === "reconnecting"
        ? offlineSince === null
          ? "Connecting…"
          : "Reconnecting…"
        : `Offline since ${offlineSince === null ? "—" : formatClock(offlineSince)}`;
  const tone =
    state === "live"
      ? "text-emerald-800 border-emerald-300 bg-emerald-50 dark:text-emerald-300 dark:border-emerald-800 dark:bg-emerald-950/40"
      : state === "reconnecting"
        ? "text-amber-900 border-amber-300 bg-amber-50 dark:text-amber-200 dark:border-amber-800 dark:bg-amber-950/40"
        : "text-white border-red-700 bg-red-700 dark:bg-red-600 dark:border-red-500";
  return (
    <span
      data-testid="connection-state"
      data-state={state}
      role="status"
      aria-live="polite"
      className={`inline-flex items-center gap-1.5 rounded-full border font-semibold whitespace-nowrap tabular-nums ${tone} ${size === "lg" ? "px-4 py-1.5 text-lg" : "px-2.5 py-0.5 text-xs"}`}
    >
      {state === "live" ? (
        <span className="relative flex size-2.5" aria-hidden="true">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-emerald-500 opacity-60 motion-reduce:animate-none" />
          <span className="relative inline-flex size-2.5 rounded-full bg-emerald-500" />
        </span>
      ) : state === "reconnecting" ? (
        <RetryIcon className="size-3.5 animate-spin motion-reduce:animate-none" />
      ) : (
        <OfflineIcon className="size-3.5" />
      )}
      {text}
    </span>
  );
}
