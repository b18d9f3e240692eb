// Flag configurations in JSON, YAML and object-literal form, and weights in progressive-delivery manifests.
import { describe, expect, it } from "vitest";
import { coarsenStages, extractFlagConfig, extractFlagSchedule, extractWeightStages, parseYamlSubset } from "./code-block-data";
import { parseMarkdown } from "./document";

const block = (lang: string, ...body: string[]) => parseMarkdown([`\`\`\`${lang}`, ...body, "```"]).codeBlocks[0];

describe("extractFlagConfig", () => {
  const constraints = [
    { attribute: "country", operator: "in", values: ["US", "CA"] },
    { attribute: "tier", operator: "eq", value: "pro" },
    { attribute: "age_days", operator: "gte", value: 30 },
  ];

  it("reads JSON", () => {
    const c = extractFlagConfig(block("json", '{"key": "new-search", "enabled": true, "rollout_percentage": 10,', '"criteria": {"country": ["US", "CA"], "tier": "pro", "age_days": {">=": 30}}}'));
    expect(c).toMatchObject({ key: "new-search", enabled: true, percent: 10, constraints, unread: [] });
  });

  it("reads YAML, with the key as the wrapping map's name", () => {
    const c = extractFlagConfig(block("yaml", "new-search:", "  enabled: true", "  rolloutPercentage: 10", "  targeting:", "    country: [US, CA]", "    tier: pro", "    age_days:", "      gte: 30"));
    expect(c).toMatchObject({ key: "new-search", percent: 10, constraints });
  });

  it("reads an object literal with comments, single quotes and trailing commas", () => {
    const c = extractFlagConfig(
      block("ts", "export const flag = {", "  name: 'new-search', // the flag", "  percentage: 10,", "  rules: [{ attribute: 'country', operator: 'in', values: ['US', 'CA'] },],", "};"),
    );
    expect(c).toMatchObject({ key: "new-search", percent: 10, constraints: [constraints[0]] });
  });

  it("reports criteria it cannot turn into constraints, and ignores blocks that are no flag config", () => {
    expect(extractFlagConfig(block("json", '{"flag": "x", "criteria": {"country": {"near": "US"}}}'))!.unread).toEqual(['country: {"near":"US"}']);
    expect(extractFlagConfig(block("yaml", "name: app", "replicas: 3"))).toBeNull();
    expect(extractFlagConfig(block("bash", "echo '{\"rollout_percentage\": 5}'"))).toBeNull();
  });

  it("parses nested YAML lists of maps", () => {
    expect(parseYamlSubset(["rules:", "  - attribute: country", "    values: [US]", "  - attribute: tier", "    values: [pro]"])).toEqual({
      rules: [
        { attribute: "country", values: ["US"] },
        { attribute: "tier", values: ["pro"] },
      ],
    });
  });
});

describe("extractWeightStages", () => {
  it("reads stepWeights over a total weight", () => {
    expect(extractWeightStages(block("yaml", "promotion:", "  fullWeight: 1000", "  stepWeights: [1, 10, 100, 800]"))!.map((s) => s.percent)).toEqual([0.1, 1, 10, 80, 100]);
  });

  it("steps by stepWeight until the weight reaches maxWeight, the last step the first at or past it", () => {
    expect(extractWeightStages(block("yaml", "analysis:", "  maxWeight: 45", "  stepWeight: 15"))!.map((s) => s.percent)).toEqual([15, 30, 45, 100]);
    expect(extractWeightStages(block("yaml", "analysis:", "  maxWeight: 35", "  stepWeight: 15"))!.map((s) => s.percent)).toEqual([15, 30, 45, 100]);
    expect(extractWeightStages(block("yaml", "analysis:", "  maxWeight: 90", "  stepWeight: 50"))!.map((s) => s.percent)).toEqual([50, 100]);
  });

  it("is null for a manifest without weights", () => {
    expect(extractWeightStages(block("yaml", "kind: Deployment", "replicas: 3"))).toBeNull();
  });
});

describe("extractWeightStages: an iterations analysis", () => {
  it("is one stage of iterations x interval with no share, then the promotion", () => {
    const stages = extractWeightStages(block("yaml", "analysis:", "  interval: 30s", "  iterations: 6", "  match:", "    - headers:", "        x-beta:", "          exact: \"yes\""));
    expect(stages).toEqual([
      { line: 4, percent: 0, durationSeconds: 180, label: "Analysis", shareUnknown: true },
      { line: 4, percent: 100, label: "Promotion" },
    ]);
  });

  it("needs an interval to say how long it lasts", () => {
    expect(extractWeightStages(block("yaml", "analysis:", "  iterations: 6"))).toBeNull();
  });
});

describe("date-driven flag rollouts (GO Feature Flag)", () => {
  it("reads the flag key of a flag with variations", () => {
    const c = extractFlagConfig(block("yaml", "checkout-v3:", "  variations:", "    on: true", "    off: false", "  defaultRule:", "    variation: off"));
    expect(c).toMatchObject({ key: "checkout-v3", constraints: [] });
  });

  it("a progressive rollout ramps to 100 % between its dates", () => {
    const stages = extractFlagSchedule(
      block("yaml", "checkout-v3:", "  variations:", "    a: A", "    b: B", "  defaultRule:", "    progressiveRollout:", "      initial:", "        variation: a", "        date: 2030-06-01T00:00:00Z", "      end:", "        variation: b", "        date: 2030-06-03T12:00:00Z"),
    );
    expect(stages?.map((s) => [s.percent, s.durationSeconds])).toEqual([[100, 216000]]);
  });

  it("a progressive rollout with percentages starts at the first and ends at the second", () => {
    const stages = extractFlagSchedule(
      block("yaml", "progressiveRollout:", "  initial:", "    percentage: 5", "    date: 2030-06-01T00:00:00Z", "  end:", "    percentage: 60", "    date: 2030-06-02T00:00:00Z"),
    );
    expect(stages?.map((s) => [s.percent, s.durationSeconds])).toEqual([[5, undefined], [60, 86400]]);
  });

  it("an experimentation window serves the smaller arm of the split for its length", () => {
    const stages = extractFlagSchedule(
      block("yaml", "pricing-test:", "  variations:", "    x: true", "    y: false", "  defaultRule:", "    percentage:", "      x: 30", "      y: 70", "  experimentation:", "    start: 2030-01-01T00:00:00Z", "    end: 2030-01-08T00:00:00Z"),
    );
    expect(stages?.map((s) => [s.percent, s.durationSeconds])).toEqual([[30, 604800]]);
  });

  it("is null for a flag with neither", () => {
    expect(extractFlagSchedule(block("yaml", "plain:", "  variations:", "    a: 1", "  defaultRule:", "    variation: a"))).toBeNull();
  });
});

describe("coarsenStages: a manifest ramp longer than a plan holds", () => {
  it("keeps every second step of a 1-by-1 ramp to 30 %, each lasting both steps' time, and the last step", () => {
    const stages = extractWeightStages(block("yaml", "analysis:", "  interval: 30s", "  stepWeight: 1", "  maxWeight: 30"))!;
    expect(stages.map((s) => [s.percent, s.durationSeconds])).toEqual([
      ...Array.from({ length: 15 }, (_, i) => [2 * (i + 1), 60]),
      [100, undefined],
    ]);
    expect(stages[0].coarsenedFrom).toBe(30);
    // The whole analysis lasts as long as the manifest's: 30 steps of 30 s.
    expect(stages.reduce((t, s) => t + (s.durationSeconds ?? 0), 0)).toBe(900);
  });

  it("ends on the manifest's last step even when the steps do not divide evenly", () => {
    const stages = coarsenStages(Array.from({ length: 21 }, (_, i) => ({ line: 1, percent: (i + 1) * 4, durationSeconds: 10 })));
    expect(stages.map((s) => s.percent)).toEqual([8, 16, 24, 32, 40, 48, 56, 64, 72, 80, 84]);
    expect(stages.at(-1)?.durationSeconds).toBe(10);
  });

  it("leaves a ramp that fits alone", () => {
    const fits = Array.from({ length: 19 }, (_, i) => ({ line: 1, percent: i + 1 }));
    expect(coarsenStages(fits)).toBe(fits);
  });
});

describe("extractWeightStages: a blue-green manifest", () => {
  it("is a preview stage without a live share, then the switch to everyone", () => {
    const stages = extractWeightStages(block("yaml", "kind: Rollout", "spec:", "  strategy:", "    blueGreen:", "      activeService: shop-live", "      previewService: shop-next", "      autoPromotionSeconds: 300"))!;
    expect(stages.map((s) => [s.label, s.percent, s.shareUnknown ?? false, s.durationSeconds])).toEqual([
      ["Preview", 0, true, 300],
      ["Promotion", 100, false, undefined],
    ]);
  });
  it("waits for a person when nothing promotes it on its own", () => {
    const stages = extractWeightStages(block("yaml", "strategy:", "  blueGreen:", "    activeService: shop-live", "    autoPromotionEnabled: false"))!;
    expect(stages[0].durationSeconds).toBeUndefined();
  });
  it("is no schedule when it only lists the fields and their types", () => {
    expect(extractWeightStages(block("yaml", "strategy:", "  blueGreen:", "    activeService: string", "    previewService: string"))).toBeNull();
  });
});

describe("extractFlagSchedule: steps that each carry a date", () => {
  it("makes each dated step a stage lasting until the next; a targeting change gives no share, a number does", () => {
    const stages = extractFlagSchedule(
      block(
        "yaml",
        "checkout-v2:",
        "  schedule:",
        "    - date: 2025-03-01T09:00:00Z",
        "      targeting:",
        "        - query: staff eq true",
        "    - date: 2025-03-08T09:00:00Z",
        "      percentage: 20",
        "    - date: 2025-03-10T09:00:00Z",
        "      percentage: 100",
      ),
    )!;
    expect(stages.map((s) => [s.label, s.percent, s.shareUnknown ?? false, s.durationSeconds])).toEqual([
      ["2025-03-01", 0, true, 7 * 86400],
      ["2025-03-08", 20, false, 2 * 86400],
      ["2025-03-10", 100, false, undefined],
    ]);
  });
  it("is no schedule when the dates go backwards or there is only one", () => {
    expect(extractFlagSchedule(block("yaml", "steps:", "  - date: 2025-03-08", "    percentage: 20", "  - date: 2025-03-01", "    percentage: 50"))).toBeNull();
    expect(extractFlagSchedule(block("yaml", "steps:", "  - date: 2025-03-08", "    percentage: 20"))).toBeNull();
  });
});

describe("extractWeightStages: Argo Rollouts steps with the pause written as a block", () => {
  it("reads the duration on the line under the pause, and none for a bare pause", () => {
    const stages = extractWeightStages(
      block("yaml", "steps:", "  - setWeight: 10", "  - pause:", "      duration: 5m", "  - setWeight: 50", "  - pause: {}", "  - setWeight: 70", "  - pause:", "  - setWeight: 90"),
    )!;
    expect(stages.map((s) => [s.percent, s.durationSeconds])).toEqual([
      [10, 300],
      [50, undefined],
      [70, undefined],
      [90, undefined],
      [100, undefined],
    ]);
  });
});
