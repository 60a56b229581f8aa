import type { Chart } from './chart.js';

/**
 * Renders each chart's Vega-Lite spec to an SVG string, in Node, without a browser: compiled to
 * Vega, run headless (no renderer, no canvas: text widths are estimated, so the output does not
 * depend on the fonts of the machine) and serialized. The page needs no script to show them.
 * vega and vega-lite are loaded on the first call: reading a results directory does not need them.
 */
export async function renderCharts(charts: readonly Chart[]): Promise<string[]> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const svgs: string[] = [];
  for (const chart of charts) {
    const view = new View(parse(compile(chart.spec).spec), { renderer: 'none', logLevel: 0 });
    try {
      svgs.push(await view.toSVG());
    } finally {
      view.finalize();
    }
  }
  return svgs;
}
