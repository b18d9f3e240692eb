// Issue 24: the board's traffic router panel, refreshed every few seconds (the observed split moves with requests,
// not with release events). undefined: no such release; null: its plan names no router.
import "server-only";
import { db } from "../../platform/db/client";
import { loadRelease } from "./load-release";
import { trafficRouterView } from "./traffic-router-view";

export async function getReleaseTraffic(releaseId: string, now = new Date()) {
  const loaded = await loadRelease(db(), releaseId);
  return loaded ? trafficRouterView(loaded, now) : undefined;
}
