import { test } from 'vitest';
import { bundledScenarios, expectGoldenSummary, isSeed } from './support/golden-scenarios.js';

test.each(bundledScenarios.filter(isSeed))('%s gives the checked-in summary.csv, and accounts for every request', expectGoldenSummary);
