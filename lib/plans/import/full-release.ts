// The stage that turns a change on for everyone ("Launch", "Global rollout on production", "Enable on production",
// "We turn the flag on by default") when the document gives it no percentage: it is the 100 % wave, and what the
// document lists after it (removing the flag, announcing, cleaning up) is work done once, not more traffic.
import { cleanInline } from "./document";

/** Stages that are before, beside or short of everyone: staging, internal, beta, preparation, the aftermath. */
const SHORT_OF_EVERYONE =
  /\b(non-?prod\w*|pre-?prod\w*|staging|stage env\w*|dev(elopment)? env\w*|internal\w*|dogfood\w*|team members?|employees|beta|alpha|canary|preview|test\w*|pilot|trial|pre[- ]?(launch|release|rollout)|post[- ]?(launch|release|rollout)|before|after|prepar\w*|optional|plan(ning)?|specific|some|selected|subset|early)\b/i;

/** A stage's name that says it reaches everyone. */
const EVERYONE_NAME =
  /^(launch|go[- ]live|ga|general availability|full (roll ?out|release|launch)|global (roll ?out|release|launch)|release to (all|everyone)|enable (it |the feature |the flag )?(on|in|for) (production|prod|everyone|all users))\b|\bgeneral availability\b|\bglobal(ly)? (roll ?out|release|launch|enable\w*)\b|\b(roll ?out|release|launch|enable\w*) globally\b/i;

/** A sentence of its body that says so: "enable for all Cloud users", "turn the flag on by default", "globally". */
const EVERYONE_BODY = [
  /\b(enabl\w*|turn(s|ed)? on|switch(es|ed)? on|roll(s|ed)? out|releas\w*|push\w*|mak\w+ it available)\b[^.;\n]{0,60}?\b(for|to)\s+(all|every)\s+(\S+\s+){0,3}?(users|customers|tenants|accounts|instances|traffic|requests)\b/i,
  /\benabl\w*\b[^.;\n]{0,40}?\bby default\b|\b(turn|switch|flip)\w*\b[^.;\n]{0,30}?\bon\b[^.;\n]{0,30}?\bby default\b/i,
  /\b(enabl\w*|turn(s|ed)? on|roll(s|ed)? out|releas\w*)\b[^.;\n]{0,40}?\bglobally\b/i,
  /\b(enabl\w*|turn(s|ed)? on|roll(s|ed)? out|releas\w*)\b[^.;\n]{0,40}?\b(for|to) everyone\b/i,
];

/**
 * Whether a stage with no stated share releases to everyone: its name says so, or (its name not saying it stops
 * short) a sentence of its body does. A name or sentence that stops short (staging, internal, beta, before launch)
 * never counts.
 */
export function releasesToEveryone(name: string, body: string): boolean {
  const n = cleanInline(name).replace(/^[^\p{L}\p{N}]+/u, "");
  if (SHORT_OF_EVERYONE.test(n)) return false;
  if (EVERYONE_NAME.test(n)) return true;
  const sentences = body
    .slice(0, 4000)
    .split("\n")
    .flatMap((line) => cleanInline(line).split(/(?<=[.;!?])\s+/));
  for (const sentence of sentences) {
    if (SHORT_OF_EVERYONE.test(sentence)) continue;
    if (EVERYONE_BODY.some((re) => re.test(sentence))) return true;
  }
  return false;
}

/**
 * Among stages none of which gives a share, the first that releases to everyone, when it is not the last one
 * (then stages follow it) or when it is (then nothing changes but the proposal is no longer a guess). -1 if none.
 */
export function firstFullRelease(stages: { name: string; body: string }[]): number {
  return stages.findIndex((s) => releasesToEveryone(s.name, s.body));
}
