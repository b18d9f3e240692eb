// Plans to start from: a small example that fits on one screen, and the demo release's full plan (a copy of
// prisma/demo-plan.json, kept as text so the textarea shows it in the same compact layout).

export const EXAMPLE_PLAN_JSON = `{
  "name": "Checkout service",
  "service": "checkout",
  "version": "2.4.0",
  "description": "Example plan: edit it, or load the demo plan.",
  "guardrails": [
    { "metric": "error_rate", "comparator": ">", "target": 0.02, "warning": 0.05, "critical": 0.10, "forSeconds": 300, "onCritical": "rollback" },
    { "metric": "latency_p95_ms", "comparator": ">", "target": 400, "warning": 600, "critical": 1000, "forSeconds": 300, "onCritical": "pause" }
  ],
  "waves": [
    { "name": "Internal", "trafficPercent": 10, "bakeSeconds": 3600,
      "checklist": [ { "text": "Zero CRITICAL alerts", "ownerRole": "Incident Commander" } ],
      "signoffs": ["Development Lead"] },
    { "name": "Beta", "trafficPercent": 25, "bakeSeconds": 86400 },
    { "name": "Gradual GA", "trafficPercent": 50, "bakeSeconds": 86400 },
    { "name": "Full", "trafficPercent": 100, "bakeSeconds": 0 }
  ]
}`;

export const DEMO_PLAN_JSON = `{
  "name": "Batch patches",
  "service": "batch-patch",
  "version": "1.0.0",
  "description": "Canary rollout of the batch patch system behind the batch-patches-v1 flag. Bake times are compressed from days to minutes so the whole rollout can be walked in one sitting.",
  "preChecklist": [
    { "text": "All phases complete and tested (95+ tests, 100% pass)", "ownerRole": "Development Lead" },
    { "text": "Code review completed (2+ reviewers)", "ownerRole": "Development Lead" },
    { "text": "Security audit passed (no hardcoded secrets, no SQL injection)", "ownerRole": "Security" },
    { "text": "Prometheus + Grafana deployed and configured", "ownerRole": "Operations Lead" },
    { "text": "Rollback procedure tested (at least once)", "ownerRole": "Operations Lead" },
    { "text": "Incident commander identified for each wave", "ownerRole": "Incident Commander" },
    { "text": "Product manager: feature readiness sign-off", "ownerRole": "Product Manager" },
    { "text": "Legal: data privacy review", "ownerRole": "Legal", "required": false }
  ],
  "guardrails": [
    { "metric": "error_rate", "comparator": ">", "target": 0.02, "warning": 0.05, "critical": 0.10, "forSeconds": 20, "windowSeconds": 20, "onCritical": "rollback" },
    { "metric": "success_rate", "comparator": "<", "target": 0.98, "warning": 0.95, "critical": 0.90, "forSeconds": 20, "windowSeconds": 20, "onCritical": "rollback" },
    { "metric": "latency_p95_ms", "comparator": ">", "target": 400, "warning": 600, "critical": 1000, "forSeconds": 30, "windowSeconds": 20, "onCritical": "pause" },
    { "metric": "latency_p99_ms", "comparator": ">", "target": 500, "warning": 800, "critical": 1500, "forSeconds": 30, "windowSeconds": 20, "onCritical": "pause" },
    { "metric": "memory_mb", "comparator": ">", "relativeTo": "baseline", "target": 0, "warning": 0.5, "critical": 1.0, "forSeconds": 30, "windowSeconds": 30, "onCritical": "pause" },
    { "metric": "cpu_percent", "comparator": ">", "relativeTo": "baseline", "target": 0, "warning": 0.4, "critical": 0.8, "forSeconds": 30, "windowSeconds": 30, "onCritical": "pause" },
    { "metric": "invariant_violations", "comparator": ">", "target": 0, "warning": 5, "critical": 10, "forSeconds": 0, "windowSeconds": 20, "onCritical": "rollback" }
  ],
  "waves": [
    {
      "name": "Internal", "trafficPercent": 10, "bakeSeconds": 90,
      "checklist": [
        { "text": "Zero CRITICAL alerts", "ownerRole": "Incident Commander" },
        { "text": "Error rate < 5%", "ownerRole": "Operations Lead", "metric": { "metric": "error_rate", "comparator": "<", "threshold": 0.05 } },
        { "text": "P95 latency < 500ms", "ownerRole": "Operations Lead", "metric": { "metric": "latency_p95_ms", "comparator": "<", "threshold": 500 } },
        { "text": "All ALARM tests pass", "ownerRole": "Development Lead" },
        { "text": "Team comfortable with monitoring", "ownerRole": "Incident Commander" }
      ],
      "signoffs": ["Development Lead"]
    },
    {
      "name": "Beta", "trafficPercent": 25, "bakeSeconds": 120,
      "checklist": [
        { "text": "Zero new CRITICAL alerts", "ownerRole": "Incident Commander" },
        { "text": "P99 latency acceptable (< 800ms)", "ownerRole": "Operations Lead", "metric": { "metric": "latency_p99_ms", "comparator": "<", "threshold": 800 } },
        { "text": "Customer feedback positive", "ownerRole": "Product Manager", "required": false }
      ],
      "signoffs": ["Development Lead", "Product Manager"]
    },
    {
      "name": "Gradual GA", "trafficPercent": 50, "bakeSeconds": 120,
      "checklist": [
        { "text": "Metrics stable or improving", "ownerRole": "Operations Lead" },
        { "text": "Cost analysis shows acceptable impact", "ownerRole": "Product Manager" },
        { "text": "Monitoring coverage verified", "ownerRole": "Operations Lead" }
      ],
      "signoffs": ["Operations Lead", "Product Manager", "Incident Commander"]
    },
    {
      "name": "Full", "trafficPercent": 100, "bakeSeconds": 60,
      "checklist": [
        { "text": "Operations team confident in monitoring", "ownerRole": "Operations Lead" },
        { "text": "Support team trained on new system", "ownerRole": "Product Manager" },
        { "text": "Documentation finalized", "ownerRole": "Development Lead" }
      ],
      "signoffs": ["Development Lead", "Operations Lead", "Product Manager", "Incident Commander"]
    }
  ]
}`;

/** A plan to fill in from nothing: one wave at 100 %, the three names the check asks for first. */
export const BLANK_PLAN_JSON = `{
  "name": "",
  "service": "",
  "version": "",
  "guardrails": [],
  "waves": [
    { "name": "Wave 1", "trafficPercent": 100, "bakeSeconds": 0 }
  ]
}`;
