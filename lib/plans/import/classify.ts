// What a section is about, from its heading (and its parents'): the importer maps each kind to plan fields.

export type SectionKind =
  | "summary"
  | "pre_deployment"
  | "phases"
  | "wave"
  | "success_criteria"
  | "go_no_go"
  | "thresholds"
  | "rollback_triggers"
  | "rollback_procedure"
  | "monitoring"
  | "alert_rules"
  | "signoff"
  | "communication"
  | "post_deployment"
  | "other";

const RULES: [RegExp, SectionKind][] = [
  [/\bpre[- ]?(deploy\w*|launch|rollout|release|flight)\b|\bprerequisites?\b|\bbefore (deploy|launch|rollout)/, "pre_deployment"],
  [/\bpost[- ]?(deploy\w*|launch|rollout|release)\b|\bhypercare\b|\bafter (the )?(rollout|launch|deploy\w*)\b|\bfollow[- ]?up\b/, "post_deployment"],
  [/\brollback triggers?\b|\babort (criteria|conditions)\b|\bfailure criteria\b|\bkill (criteria|switch)\b|\bwhen to roll ?back\b|\bhalt (rules?|conditions?|criteria|triggers?)\b|\babort (if|when|rules?)\b|\broll ?back (criteria|conditions|rules)\b|\bstop (rules|conditions)\b/, "rollback_triggers"],
  [/\broll ?back\b|\brevert\b|\bbackout\b/, "rollback_procedure"],
  [/\bgo\s*\/\s*no[- ]?go\b|\bgo[- ]no[- ]go\b|\bentry criteria\b|\bpromotion criteria\b/, "go_no_go"],
  [/\bsuccess criteria\b|\bexit criteria\b|\bdefinition of done\b|\bsuccess metrics\b/, "success_criteria"],
  [/\bthresholds?\b|\bkey metrics\b|\bmetrics to (track|watch)\b|\bguardrails?\b|\bslos?\b/, "thresholds"],
  [/\balert(ing)? rules?\b|\bprometheus rules?\b|\balerts\b/, "alert_rules"],
  [/\bsign[- ]?offs?\b|\bapprovals?\b|\bapprovers\b/, "signoff"],
  [/\bcommunications?\b|\bescalation\b|\bcontacts?\b|\bnotifications?\b|\bstakeholder updates?\b/, "communication"],
  [/\bmonitoring\b|\bobservability\b|\bdashboards?\b/, "monitoring"],
  [/\b(roll ?out|deployment|release|launch) (strategy|plan|phases|waves|schedule|steps|stages)\b|\bphases\b|\bwaves\b|\bschedule\b|\bramp\b/, "phases"],
  [/\bexecutive summary\b|\boverview\b|\bsummary\b|\btl;?dr\b/, "summary"],
];

/** A heading that names one stage: "Wave 1: Internal Testing (Day 1, 10% Traffic)", "Phase 2 - 25%", "Day 3: 50%". */
export function isWaveHeading(heading: string): boolean {
  const h = heading.toLowerCase();
  if (/^(wave|stage|ring|step|phase)\s*\d/.test(h)) return true;
  if (/^(week|day)\s*\d/.test(h) && /\d+(\.\d+)?\s*%/.test(h)) return true;
  return /\d+(\.\d+)?\s*%/.test(h) && /\b(traffic|users|servers|requests|rollout|canary)\b/.test(h);
}

export function classifyHeading(heading: string, options: { title?: boolean } = {}): SectionKind {
  const h = heading.toLowerCase();
  if (options.title) return "other";
  if (isWaveHeading(heading)) return "wave";
  for (const [re, kind] of RULES) if (re.test(h)) return kind;
  return "other";
}
