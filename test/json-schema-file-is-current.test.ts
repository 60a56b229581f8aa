import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { scenarioJsonSchema } from '../src/scenario/scenario-schema.js';

test('schema/scenario.schema.json is generated from the validator\'s schema (npm run schema)', () => {
  const committed = JSON.parse(readFileSync('schema/scenario.schema.json', 'utf8'));
  expect(committed).toEqual(scenarioJsonSchema());
});
