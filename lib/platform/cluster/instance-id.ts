// The name this process goes by in a cluster: in /api/health, in /api/metrics labels, in the leader lease and in its
// outbox cursor. Stable across restarts of the same instance (TIDEGATE_INSTANCE_ID, else host and port).
import "server-only";
import { hostname } from "node:os";

export function instanceId(): string {
  return process.env.TIDEGATE_INSTANCE_ID || `${hostname()}:${process.env.PORT ?? "3000"}`;
}
