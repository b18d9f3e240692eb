// Shown when the plan's traffic hook failed: the traffic in the load balancer may not match the plan.
import type { EventView } from "@/lib/releases/client/types";
import { WarningIcon } from "../ui/icons";

export function TrafficHookWarning({ failure }: { failure: EventView }) {
  return (
    <div role="alert" data-testid="traffic-hook-warning" className="flex items-start gap-2 rounded-lg border-2 border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950/40 dark:text-amber-100">
      <WarningIcon className="mt-0.5 size-5 shrink-0" />
      <div className="min-w-0">
        <p className="font-bold">Traffic may not match the plan</p>
        <p className="break-words">{failure.reason}</p>
      </div>
    </div>
  );
}
