// tidegate status [release]: every release as a table, or one release in detail.
import { request } from "../api";
import type { ReleaseSummary, ReleaseView } from "../../releases/client/types";
import type { CliContext } from "../context";
import { EXIT } from "../exit-codes";
import { formatReleaseDetail, formatReleaseList } from "../format";
import { resolveReleaseId } from "../resolve-release";

export async function status(ctx: CliContext, ref?: string): Promise<number> {
  if (!ref) {
    const { releases } = await request<{ releases: ReleaseSummary[] }>(ctx.conn, "GET", "/api/releases");
    ctx.out(ctx.json ? JSON.stringify({ releases }) : formatReleaseList(releases));
    return EXIT.ok;
  }
  const id = await resolveReleaseId(ctx.conn, ref);
  const release = await request<ReleaseView>(ctx.conn, "GET", `/api/releases/${encodeURIComponent(id)}`);
  ctx.out(ctx.json ? JSON.stringify(release) : formatReleaseDetail(release));
  return EXIT.ok;
}
