import { configDefaults, defineConfig } from 'vitest/config';
import fast from './vitest.config.js';

// `npm run test:report`: the report drawn for real (vega in Node, a few seconds a report) and
// opened in headless Chromium, which .ci/run installs; apart from `npm test` to keep it fast.
export default defineConfig({
  ...fast,
  test: {
    ...fast.test,
    include: ['test/report/**/*.test.ts'],
    exclude: configDefaults.exclude,
  },
});
