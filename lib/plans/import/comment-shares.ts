// A share written as a comment suffix on the lines of a code example: a release list whose new lines end in
// "# 10%" ("myapp-1.0.1-full.nupkg 600752# 10%"). A block whose share-carrying lines all name one share moves that
// share; lines that name different shares (a table of options, a config listing several) move nothing.
import type { CodeBlock } from "./document";

const COMMENT_SHARE = /#\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$/;

/** The one share a block's "# NN%" suffixes name, or undefined. */
export function commentShare(block: Pick<CodeBlock, "body">): number | undefined {
  let share: number | undefined;
  for (const { text } of block.body.slice(0, 200)) {
    const m = COMMENT_SHARE.exec(text.slice(0, 2000));
    if (!m) continue;
    const v = Number(m[1]);
    if (!(v > 0 && v <= 100)) return undefined;
    if (share !== undefined && share !== v) return undefined;
    share = v;
  }
  return share;
}
