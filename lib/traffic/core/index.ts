export type { RouterCounters, RouterReadBack, RouterWeights, TrafficRouter } from "./router";
export { RouterError } from "./router";
export { keepSamples, observedOver, type CounterSample, type ObservedSplit } from "./observed-split";
export { shareOf, weightsForShare, type WeightsForShare } from "./weights";
