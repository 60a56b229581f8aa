// Checks the import rules of .dependency-cruiser.cjs (layers import only downward, no cycles)
// with dependency-cruiser's API, in process. `npm run layers` prints one line per violation;
// test/layers-import-only-downward.test.ts asserts there are none.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every violation in dir/src/ as `from -> to: rule`; a cycle adds its whole path. */
export async function layerViolations(dir = root) {
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const tsConfigFile = join(root, 'tsconfig.json');
  const { output } = await cruise(
    ['src'],
    { ...options, baseDir: dir, tsConfig: { fileName: tsConfigFile } },
    undefined,
    { tsConfig: extractTSConfig(tsConfigFile) },
  );
  return output.summary.violations.map(describe).sort();
}

function describe({ from, to, rule, cycle }) {
  const line = `${from} -> ${to}: ${rule.name}`;
  return cycle ? `${line} (${[from, ...cycle.map((d) => d.name)].join(' -> ')})` : line;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const violations = await layerViolations();
  for (const v of violations) console.log(v);
  console.log(violations.length === 0 ? 'Layers: no violations.' : `Layers: ${violations.length} violations; the rules and why: .dependency-cruiser.cjs.`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
