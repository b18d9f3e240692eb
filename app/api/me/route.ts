import { meView } from "@/lib/server/auth/me-view";
import { handle, json } from "@/lib/server/http/handle";

export const dynamic = "force-dynamic";

export const GET = handle("read", async ({ actor }) => json(meView(actor)));
