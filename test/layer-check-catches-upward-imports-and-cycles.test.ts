import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { layerViolations } from '../scripts/layers.mjs';

// A small src/ that breaks each kind of rule once, so the layer check is known to bite even
// while svcsim's own src/ passes it.
test('the layer check reports an upward import, a file system import and a cycle', async () => {
  const dir = fileURLToPath(new URL('fixtures/layers', import.meta.url));
  expect(await layerViolations(dir)).toEqual([
    'src/model/pod.ts -> fs: simulation-sees-no-files-yaml-or-command-line',
    'src/model/pod.ts -> src/scenario/spec.ts: model-imports-only-downward',
    'src/scenario/objects.ts -> src/scenario/spec.ts: no-import-cycles' +
      ' (src/scenario/objects.ts -> src/scenario/spec.ts -> src/scenario/objects.ts)',
  ]);
}, 30_000);
