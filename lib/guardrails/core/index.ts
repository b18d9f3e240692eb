// Public API of the guardrail engine: ingestion validation, roll-ups, evaluation, alerting and chart thinning.
export {
  parseSampleBatch,
  describeValue,
  COHORTS,
  DEFAULT_MAX_FUTURE_MS,
  DEFAULT_MAX_SAMPLES,
  MAX_SAMPLE_AGE_MS,
  type Cohort,
  type Sample,
  type SampleError,
  type ParseSampleBatchOptions,
  type ParseSampleBatchResult,
} from "./samples";
export {
  BUCKET_SIZES_MS,
  RUN_START_BUCKET,
  WAVE_START_BUCKET,
  bucketStart,
  coarsen,
  mergeBucket,
  mergeRolledUp,
  rollUp,
  seriesBuckets,
  seriesKey,
  type Bucket,
  type RolledUp,
} from "./rollup";
export { evaluateGuardrail, describeEvaluation, relativeChange, type GuardrailEvaluation } from "./evaluate";
export { decideAlert, type AlertAction, type AlertDecision, type AlertEvent, type AlertLevel, type OpenAlert } from "./alerts";
export { compare, levelOfValue, overallHealth, type OverallHealth, type ValueLevel } from "./health";
export { downsample, type Point } from "./downsample";
export { formatDuration, formatMetricValue, formatRelative } from "./format";
