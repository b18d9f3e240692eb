// Reads one release as its public view.
import "server-only";
import { db } from "../../platform/db/client";
import { loadRelease } from "./load-release";
import { toReleaseView, type ReleaseView } from "./release-view";

export async function getRelease(releaseId: string): Promise<ReleaseView | null> {
  const loaded = await loadRelease(db(), releaseId);
  return loaded ? toReleaseView(loaded) : null;
}
