import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// `npm test`: every test but the checks against theory in test/validation/, which
// vitest.validation.config.ts runs (`npm run test:validation`), and the drawn report in a
// browser in test/report/ (vitest.report.config.ts, `npm run test:report`).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'test/validation/**', 'test/built/**', 'test/report/**'],
    // A worker runs file after file on the modules it has loaded, rather than a new process
    // importing src/ afresh for every file: on 2 cores that took longer than the tests did
    // (collect 12 s and prepare 6 s of a 60 s run; 3 s and 0.1 s now). Sound while src/ keeps
    // no mutable state in its modules and no test patches globals; a shuffled order passes.
    isolate: false,
    // vitest leaves one core free by default: on 2 cores that ran the files one after another
    // (39 s). Both cores take files now (25 s at load 5).
    maxWorkers: availableParallelism(),
    minWorkers: 1,
    // Tests assert results, not speed; the limit is there to end a hang. The default 5 s failed
    // the built CLI's help test on a busy machine.
    testTimeout: 60_000,
  },
});
