// A flag key belongs to at most one active release: two releases moving the same flag would fight over its share.
// HttpError from app-error, not the route wrapper: this runs in scripts too (the demo seed), outside Next.js.
import { appError, HttpError } from "../http/app-error";

/** Releases that are still to ship or shipping; a completed or rolled-back release hands its keys on. */
export const ACTIVE_STATUSES = ["draft", "running", "paused"];

interface ReleaseReader {
  release: {
    findMany(args: {
      where: { status: { in: string[] }; flagKeys: { not: null } };
      select: { id: true; name: true; flagKeys: true };
    }): Promise<{ id: string; name: string; flagKeys: string | null }[]>;
  };
}

export async function assertFlagKeysFree(tx: ReleaseReader, keys: string[]): Promise<void> {
  const active = await tx.release.findMany({
    where: { status: { in: ACTIVE_STATUSES }, flagKeys: { not: null } },
    select: { id: true, name: true, flagKeys: true },
  });
  const wanted = new Set(keys);
  const clashes = active.flatMap((r) =>
    (JSON.parse(r.flagKeys ?? "[]") as string[]).filter((k) => wanted.has(k)).map((key) => ({ key, releaseId: r.id, releaseName: r.name })),
  );
  if (clashes.length > 0) {
    throw new HttpError(
      appError(
        409,
        "flag_key_in_use",
        clashes.map((c) => `flag "${c.key}" already follows active release "${c.releaseName}"`).join("; "),
        { clashes },
      ),
    );
  }
}
