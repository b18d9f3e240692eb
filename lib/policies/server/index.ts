// Release policies (issue 26): the server part.
import "server-only";
export { listPolicies } from "./policy-store";
export { createPolicy, deletePolicy, NewPolicySchema, PolicyPatchSchema, updatePolicy } from "./manage-policies";
export { assertPlanMeetsPolicies } from "./assert-plan-meets-policies";
