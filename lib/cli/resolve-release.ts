// A release named on the command line: its id, a unique id prefix (as `status` lists them), or its exact name.
import { type Connection, request } from "./api";
import type { ReleaseSummary } from "../releases/client/types";
import { CliError, EXIT } from "./exit-codes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function resolveReleaseId(conn: Connection, ref: string): Promise<string> {
  const wanted = ref.trim();
  if (UUID.test(wanted)) return wanted.toLowerCase();
  const { releases } = await request<{ releases: ReleaseSummary[] }>(conn, "GET", "/api/releases");
  const byName = releases.filter((r) => r.name.toLowerCase() === wanted.toLowerCase());
  const byPrefix = wanted.length >= 4 ? releases.filter((r) => r.id.startsWith(wanted.toLowerCase())) : [];
  const matches = byPrefix.length > 0 ? byPrefix : byName;
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) throw new CliError(`No release "${wanted}" (give its id, an id prefix of 4+ characters, or its exact name; see tidegate status)`, EXIT.notFound);
  const list = matches.slice(0, 10).map((r) => `  ${r.id}  ${r.name} (${r.status})`).join("\n");
  throw new CliError(`"${wanted}" names ${matches.length} releases; give the id:\n${list}`, EXIT.usage);
}
