// Stops a job's pass of an old leader before it writes anything (the writes of a current one carry on).
import "server-only";
import { checkFence } from "../cluster/fence";
import { db } from "../db/client";

export async function stillLeading(epoch: number | null): Promise<void> {
  if (epoch !== null) await db().$transaction((tx) => checkFence(tx, epoch));
}
