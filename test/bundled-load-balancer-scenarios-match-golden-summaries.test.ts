import { test } from 'vitest';
import { bundledScenarios, expectGoldenSummary, isBalancer } from './support/golden-scenarios.js';

test.each(bundledScenarios.filter(isBalancer))('%s gives the checked-in summary.csv, and accounts for every request', expectGoldenSummary);
