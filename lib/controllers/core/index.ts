export { answerFlaggerHook, FLAGGER_HOOKS, type FlaggerHook, judgeRelease, type ControllerAnswer, type HookAnswer, type ReleaseJudgement, type Verdict } from "./answers";
