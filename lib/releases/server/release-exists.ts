// Whether a release id names a release: for operations that take one from outside and answer 404 otherwise.
import "server-only";
import { db } from "../../platform/db/client";

export async function releaseExists(id: string): Promise<boolean> {
  return (await db().release.findUnique({ where: { id }, select: { id: true } })) !== null;
}
