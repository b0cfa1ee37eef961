/** chart.js, loaded on the first chart shown (it is not part of the initial bundle). */
import type { Chart, ChartConfiguration, ChartType } from 'chart.js';

/** Draws `config` on `canvas` once chart.js has loaded; returns a function that destroys the chart. */
export function mountChart<T extends ChartType>(
  canvas: HTMLCanvasElement,
  config: ChartConfiguration<T>,
  handlers: { ready: (chart: Chart<T>) => void; failed: () => void },
): () => void {
  let made: Chart<T> | null = null;
  let stopped = false;
  import('chart.js')
    .then(({ Chart: ChartJs, registerables }) => {
      if (stopped) return;
      ChartJs.register(...registerables);
      made = new ChartJs(canvas, config);
      handlers.ready(made);
    })
    .catch(() => handlers.failed());
  return () => {
    stopped = true;
    made?.destroy();
  };
}
