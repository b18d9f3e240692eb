// Says loudly that the screen may be out of date while the live connection is down.
import type { ConnectionState } from "@/lib/realtime/client/connection-store";
import { formatClock } from "@/lib/platform/browser/format-time";
import { OfflineIcon, RetryIcon } from "../ui/icons";

export function StaleBanner({ state, offlineSince, readOnly = false }: { state: ConnectionState; offlineSince: number | null; readOnly?: boolean }) {
  // Before the first connection there is nothing stale to warn about; the indicator says "Connecting…".
  if (state === "live" || offlineSince === null) return null;
  const since = formatClock(offlineSince);
  const actions = readOnly ? "" : " Forward steps wait until it is current again; PAUSE and ROLL BACK still work.";
  return (
    <div
      data-testid="stale-banner"
      className={`flex items-start gap-2 rounded-lg border px-4 py-3 text-sm font-medium ${
        state === "offline"
          ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100"
          : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
      }`}
    >
      {state === "offline" ? <OfflineIcon className="mt-0.5 size-4" /> : <RetryIcon className="mt-0.5 size-4" />}
      <p>
        {state === "offline"
          ? `Offline since ${since}: this screen may be out of date.`
          : `Connection lost at ${since}; reconnecting. This screen may be out of date.`}
        {actions}
      </p>
    </div>
  );
}
