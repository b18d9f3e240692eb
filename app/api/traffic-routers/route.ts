import { listRouters } from "@/lib/traffic/server";
import { handle, json } from "@/lib/platform/http/handle";

export const dynamic = "force-dynamic";

/** Issue 24: the operator's configured traffic routers (TRAFFIC_ROUTERS), secrets masked; admins only. */
export const GET = handle("manage", async () => json({ routers: listRouters() }));
