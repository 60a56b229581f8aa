import { test } from 'vitest';
import { bundledScenarios, expectGoldenSummary, isSeedOrBalancer } from './support/golden-scenarios.js';

test.each(bundledScenarios.filter(isSeedOrBalancer))('%s gives the checked-in summary.csv, and accounts for every request', expectGoldenSummary);
