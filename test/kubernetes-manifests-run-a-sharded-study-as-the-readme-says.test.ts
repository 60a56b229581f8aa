import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cli } from './support/run-cli.js';
import { TempDirs } from './support/temp-dirs.js';

const temps = new TempDirs();
afterAll(() => temps.removeAll());

const deploy = 'deploy/kubernetes';
const docs = (file: string) => parseAllDocuments(readFileSync(join(deploy, file), 'utf8')).map((d) => d.toJS());
const [kustomization] = docs('kustomization.yaml');
const [mergeKustomization] = docs('merge/kustomization.yaml');
const [job] = docs('shards-job.yaml');
const [pvc] = docs('results-pvc.yaml');
const [mergeJob, resultsPod] = docs('merge/merge-job.yaml');
const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## Big studies on a cluster'), readme.indexOf('\n## ', readme.indexOf('## Big studies on a cluster') + 1));

test('the shards are an Indexed Job with completions and parallelism equal to the --shard count, taken from JOB_COMPLETION_INDEX', () => {
  expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexed' } });
  const [container] = job.spec.template.spec.containers;
  const args: string[] = container.args;
  const shard = args[args.indexOf('--shard') + 1];
  expect(shard).toBe(`auto/${job.spec.completions}`);
  expect(job.spec.parallelism).toBe(job.spec.completions);
  expect(args[args.indexOf('--out') + 1]).toBe('/results/shards/shard-$(JOB_COMPLETION_INDEX)');
  expect(job.spec.template.spec.restartPolicy).toBe('Never');
  expect(container.resources.requests).toEqual({ cpu: '1', memory: '256Mi' });
});

test('the scenario comes from the ConfigMap, the results go to the volume, every object runs the image named in the kustomizations', () => {
  const spec = job.spec.template.spec;
  const [container] = spec.containers;
  expect(kustomization.configMapGenerator).toEqual([{ name: 'svcsim-scenario', files: ['scenario.yaml'] }]);
  expect(spec.volumes).toEqual([
    { name: 'scenario', configMap: { name: 'svcsim-scenario' } },
    { name: 'results', persistentVolumeClaim: { claimName: pvc.metadata.name } },
  ]);
  expect(container.volumeMounts).toEqual([
    { name: 'scenario', mountPath: '/scenario', readOnly: true },
    { name: 'results', mountPath: '/results' },
  ]);
  expect(container.args.slice(0, 2)).toEqual(['run', '/scenario/scenario.yaml']);
  expect(kustomization.resources).toEqual(['results-pvc.yaml', 'shards-job.yaml']);
  for (const c of [container, mergeJob.spec.template.spec.containers[0], resultsPod.spec.containers[0]]) expect(c.image).toBe('svcsim');
  expect(mergeKustomization.images).toEqual(kustomization.images);
  const image = `${kustomization.images[0].newName}:${kustomization.images[0].newTag}`;
  expect(section).toContain(`docker build -t ${image} .`);
  for (const words of ['completionMode: Indexed', 'JOB_COMPLETION_INDEX', 'kubectl apply -k deploy/kubernetes', 'kubectl apply -k deploy/kubernetes/merge',
    pvc.metadata.name, 'svcsim merge']) expect(section).toContain(words);
});

test('the Dockerfile installs the production dependencies alone and runs svcsim as a non-root user', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  expect(dockerfile).toMatch(/^FROM node:20-slim$/m);
  expect(dockerfile).toContain('npm ci --omit=dev');
  expect(dockerfile).toMatch(/^USER node$/m);
  expect(dockerfile).toContain('ENTRYPOINT ["node", "/opt/svcsim/dist/svcsim.cjs"]');
  for (const dir of ['scenarios', 'schema']) expect(dockerfile).toContain(`COPY ${dir} ./${dir}`);
});

// The Jobs' own arguments, run by svcsim in-process: /scenario is the ConfigMap's file here and
// /results a temporary folder; fewer requests and replications, so that the test is quick.
test('the shards\' and the merge Job\'s arguments, run as the pods would, give the merged study', async () => {
  const results = temps.make();
  const local = (args: string[]) => args.map((a) => a.replace(/^\/scenario\//, `${deploy}/`).replace(/^\/results\//, `${results}/`));
  const quick = ['--requests', '300', '--replications', '2'];
  const previous = process.env.JOB_COMPLETION_INDEX;
  try {
    for (let index = 0; index < job.spec.completions; index++) {
      process.env.JOB_COMPLETION_INDEX = String(index);
      const args = local(job.spec.template.spec.containers[0].args).map((a) => a.replace('$(JOB_COMPLETION_INDEX)', String(index)));
      const r = await cli(...args, ...quick);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
    }
  } finally {
    if (previous === undefined) delete process.env.JOB_COMPLETION_INDEX;
    else process.env.JOB_COMPLETION_INDEX = previous;
  }
  const merged = await cli(...local(mergeJob.spec.template.spec.containers[0].args), '--json');
  expect(merged.err).toBe('');
  expect(merged.code).toBe(0);
  expect(JSON.parse(merged.out).replications).toBe(2);
  expect(readFileSync(join(results, 'merged', 'summary.csv'), 'utf8')).toMatch(/^variant,externalTrafficPolicy,/);
});
