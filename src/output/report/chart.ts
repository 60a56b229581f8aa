import type { TopLevelSpec } from 'vega-lite';

/** One chart of the report: a Vega-Lite spec, rendered to inline SVG when the report is built. */
export interface Chart {
  /** The figure's id in the page (and in the browser test). */
  id: string;
  title: string;
  /** One or two sentences under the chart: what to read in it. */
  caption: string;
  spec: TopLevelSpec;
}

/**
 * Text, axes and grid in `currentColor`: the SVG takes the page's text colour, so a chart reads
 * in the light and the dark theme (prefers-color-scheme) and in print alike. The marks' colours
 * (Tableau 10) are mid-tones, legible on white and on near-black. Fonts are the system's
 * sans-serif: nothing is fetched.
 */
export const CHART_CONFIG = {
  background: 'transparent',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  view: { stroke: null },
  axis: {
    labelColor: 'currentColor', titleColor: 'currentColor', domainColor: 'currentColor', tickColor: 'currentColor',
    gridColor: 'currentColor', gridOpacity: 0.15, labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal',
  },
  legend: { labelColor: 'currentColor', titleColor: 'currentColor', symbolFillColor: 'currentColor', labelFontSize: 11, titleFontSize: 12, labelLimit: 260, titleLimit: 260 },
  header: { labelColor: 'currentColor', titleColor: 'currentColor', labelFontSize: 12, titleFontSize: 12 },
  title: { color: 'currentColor' },
  text: { color: 'currentColor' },
  range: { category: { scheme: 'tableau10' } },
} as const;

/** The colour of objective (SLO) thresholds and of the even-share line: red, legible on both themes. */
export const THRESHOLD_COLOR = '#d62728';

/** A spec with the report's config and no $schema (nothing to fetch, nothing to resolve). */
export function withConfig(spec: Record<string, unknown>): TopLevelSpec {
  return { ...spec, config: CHART_CONFIG } as unknown as TopLevelSpec;
}

/** The colour of each variant: Tableau 10, or Tableau 20 when more than ten would repeat colours. */
export function variantColor(variants: readonly string[]): Record<string, unknown> {
  return { field: 'variant', type: 'nominal', sort: variants, title: 'variant', scale: { scheme: variants.length > 10 ? 'tableau20' : 'tableau10' } };
}

/**
 * Metrics against a numeric field, one facet per metric (two columns, each its own y scale): per
 * series its 95% band (`low`..`high`) and its line through `mean`, and each objective's threshold
 * (`slo`) as a red rule; `more` layers go on top. The sweep and the plan charts are this.
 */
export function metricFacets(o: {
  values: object[]; metrics: readonly string[]; width: number; height: number;
  x: Record<string, unknown>; color: Record<string, unknown>; more?: object[];
}): TopLevelSpec {
  const { x, color } = o;
  return withConfig({
    data: { values: o.values },
    facet: { field: 'metric', type: 'nominal', sort: o.metrics, title: null },
    columns: 2,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: o.width, height: o.height,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'low', type: 'quantitative', title: null }, y2: { field: 'high' }, color } },
        { mark: { type: 'line', point: true, strokeWidth: 1.5 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: null, axis: { format: ',~f' } }, color } },
        {
          transform: [{ filter: 'isValid(datum.slo)' }],
          mark: { type: 'rule', color: THRESHOLD_COLOR, strokeDash: [6, 3], strokeWidth: 1.5 },
          encoding: { y: { field: 'slo', type: 'quantitative', aggregate: 'max' } },
        },
        ...(o.more ?? []),
      ],
    },
  });
}
