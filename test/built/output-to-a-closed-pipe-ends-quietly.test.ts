import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// dist/ is built before the tests: `npm ci` runs the prepare script (npm run build after a change).
const repo = fileURLToPath(new URL('../..', import.meta.url));

test('svcsim schema piped into head -n 1 ends with exit 0 and nothing on stderr', async () => {
  // A shell pipe, not Node's stdio 'pipe': Node gives a child a socket pair, whose buffer takes
  // the whole schema (160 kB), where a pipe takes 64 kB and so is still being written when head
  // closes it. bash for PIPESTATUS, the exit code of svcsim rather than of head.
  const script = '"$0" dist/svcsim.cjs schema | head -n 1; echo "svcsim exited with ${PIPESTATUS[0]}"';
  const { out, err } = await new Promise<{ out: string; err: string }>((resolve) => {
    execFile('bash', ['-c', script, process.execPath], { cwd: repo }, (_, out, err) => resolve({ out, err }));
  });
  expect(err).toBe('');
  expect(out).toBe('{\nsvcsim exited with 0\n');
});
