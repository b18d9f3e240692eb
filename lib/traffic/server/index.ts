import "server-only";
export { assertTrafficRouters } from "./assert-traffic-routers";
export { listRouters, routerFor, routerKind, configuredRouters } from "./router-registry";
export { trafficJobs, kickTrafficRouters } from "./traffic-jobs";
