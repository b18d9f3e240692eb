export type { RouterCounters, RouterReadBack, RouterWeights, TrafficRouter } from "./router";
export { RouterError } from "./router";
export { shareOf, weightsForShare, type WeightsForShare } from "./weights";
