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
      svgs.push(renumberClips(await view.toSVG(), chart.id));
    } finally {
      view.finalize();
    }
  }
  return svgs;
}

/**
 * vega numbers clip paths with one counter for the whole process (clip1, clip2, ...): the same
 * chart drawn after another report would differ. Renumbered per chart and named after it, a
 * report's bytes depend on its data alone, and every id is unique in the page.
 */
function renumberClips(svg: string, chartId: string): string {
  const ids = new Map<string, string>();
  return svg.replace(/(id="|url\(#)(clip\d+)/g, (_, before: string, id: string) => {
    if (!ids.has(id)) ids.set(id, `${chartId}-clip${ids.size + 1}`);
    return `${before}${ids.get(id)}`;
  });
}
