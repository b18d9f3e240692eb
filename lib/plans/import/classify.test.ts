// Section classification by heading.
import { describe, expect, it } from "vitest";
import { classifyHeading } from "./classify";

describe("classifyHeading", () => {
  it.each([
    ["Pre-Deployment Checklist", "pre_deployment"],
    ["Wave 1: Internal Testing (Day 1, 10% Traffic)", "wave"],
    ["Day 3: 50% of users", "wave"],
    ["4-Wave Rollout Strategy", "phases"],
    ["Key Metrics to Track", "thresholds"],
    ["Rollback Triggers", "rollback_triggers"],
    ["Rollback Procedure", "rollback_procedure"],
    ["Go/No-Go Criteria", "go_no_go"],
    ["Success Criteria", "success_criteria"],
    ["Alerting Rules", "alert_rules"],
    ["Sign-Off", "signoff"],
    ["Contacts & Escalation", "communication"],
    ["Post-Launch Monitoring, first 72 hours", "post_deployment"],
    ["Monitoring During Rollout", "monitoring"],
    ["Executive Summary", "summary"],
    ["Cost Analysis", "other"],
    ["Canary Architecture (During Rollout)", "other"],
  ])("%s -> %s", (heading, kind) => {
    expect(classifyHeading(heading)).toBe(kind);
  });
});
