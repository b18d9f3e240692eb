// Release policies (issue 26): the pure part.
export * from "./policy";
export * from "./check-plan";
export * from "./self-approvers";
