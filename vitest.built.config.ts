import { configDefaults, defineConfig } from 'vitest/config';
import fast from './vitest.config.js';

// `npm run test:built`: the built svcsim (dist/, which `npm ci` builds) run as processes: its
// output against the in-process CLI's, shards as separate processes, processes killed while
// they hold a result folder, a closed pipe. Starting processes is most of their time, so they
// are apart from `npm test`; CI runs them.
export default defineConfig({
  ...fast,
  test: {
    ...fast.test,
    include: ['test/built/**/*.test.ts'],
    exclude: configDefaults.exclude,
  },
});
