// The shapes the browser receives for freezes and quarantines (type-only from the server: one source of truth).
export type { FreezeView, QuarantineView } from "@/lib/freezes/server/freeze-view";
export type { FreezeBlock, QuarantineBlock } from "@/lib/freezes/core/forward-block";
