import { configDefaults, defineConfig } from 'vitest/config';
import fast from './vitest.config.js';

// `npm run test:validation`: the simulator against theory, over many replications; the same
// settings as `npm test` but the other folder.
export default defineConfig({
  ...fast,
  test: {
    ...fast.test,
    include: ['test/validation/**/*.test.ts'],
    exclude: configDefaults.exclude,
  },
});
