// While the live feed is down, say so: decisions must not rest on a page that stopped updating.
import type { ConnectionState } from "@/lib/realtime/client/connection-store";
import { formatClock } from "@/lib/platform/browser/format-time";
import { WarningIcon } from "../ui/icons";

export function StaleNotice({ state, offlineSince }: { state: ConnectionState; offlineSince: number | null }) {
  // "Connecting" on first load is normal; only a lost connection is worth a banner.
  if (state === "live" || offlineSince === null) return null;
  return (
    <p
      role="status"
      data-testid="review-stale"
      className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200 print:hidden"
    >
      <WarningIcon className="mt-0.5 size-4" />
      Not live since {formatClock(offlineSince)}: changes by others will show once the connection is back. Your own changes
      still go straight to the server.
    </p>
  );
}
