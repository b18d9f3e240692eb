import { meView } from "@/lib/auth/server/me-view";
import { handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

// Whoever may read may ask who they are, a token limited to a release or service included (the answer names only
// the caller).
export const GET = handle("read", async ({ actor }) => json(meView(actor)), { withinScope: true });
