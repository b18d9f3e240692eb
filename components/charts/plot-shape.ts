// What the board knows of a metric plot without loading recharts (MetricPlot.tsx is loaded on demand).

/** The plot's height in pixels; MetricChart reserves it while the plot loads. */
export const PLOT_HEIGHT = 186;

export interface ChartMarker {
  t: number;
  label: string;
  kind: "wave" | "rollback" | "pause";
}
