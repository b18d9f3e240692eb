// Whether the plan's traffic hook last failed: then the load balancer (or mesh, or script) may not be running the
// split the board shows, and the board says so until the hook answers again.
import type { EventView } from "../../releases/client/types";

export function trafficHookFailure(events: readonly EventView[]): EventView | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === "traffic_hook_applied") return null;
    if (e.type === "traffic_hook_failed") return e;
  }
  return null;
}
