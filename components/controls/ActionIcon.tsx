// The icon beside each command's label.
import type { CommandType } from "@/lib/releases/client/types";
import { ForwardIcon, PauseIcon, PlayIcon, RetryIcon, RollbackIcon } from "../ui/icons";

export function ActionIcon({ action }: { action: CommandType }) {
  switch (action) {
    case "start":
    case "resume":
      return <PlayIcon />;
    case "continue":
      return <ForwardIcon />;
    case "pause":
      return <PauseIcon />;
    case "rollback":
    case "step_back":
      return <RollbackIcon />;
    case "retry":
      return <RetryIcon />;
  }
}
