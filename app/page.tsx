// The overview of every release.
import { ReleaseOverview } from "@/components/overview/ReleaseOverview";

export default function HomePage() {
  return <ReleaseOverview />;
}
