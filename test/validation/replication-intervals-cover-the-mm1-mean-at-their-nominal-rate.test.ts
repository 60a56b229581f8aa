import { expect, test } from 'vitest';
import { mm1MeanResponse } from '../../src/engine/queueing-theory.js';
import { runScenario } from '../../src/run/run-scenario.js';
import { scenarioFromYaml } from '../../src/scenario/load-scenario.js';
import { metricIndex } from '../../src/stats/summary-metrics.js';
import { deploymentYaml, nodeYaml, serviceYaml } from '../support/scenario-files.js';

// One node, one pod, no link latency: an M/M/1 queue at utilization 0.5, so a request's latency
// is its M/M/1 response time, of mean 1/(mu - lambda) = 20 ms. 2000 requests after a 5 s warm-up
// (40 relaxation times of 0.12 s) keep the bias of an empty start far below a replication's spread.
const LAMBDA = 50;
const MU = 100;
const STUDIES = 200;
const REPLICATIONS = 10;
const text = `${nodeYaml('solo')}${deploymentYaml('web', 1)}${serviceYaml('web', 'LoadBalancer', 'Cluster')}
apiVersion: svcsim.io/v1alpha1
kind: Scenario
metadata: { name: mm1-study }
spec:
  replications: ${REPLICATIONS}
  traffic: { service: web, rate: ${LAMBDA}, requests: 2000, warmup: 5s }
  pods:
  - serviceTime: { exponential: { mean: 10ms } }
`;

/** P(X <= k) for X ~ Binomial(n, p), summed term by term. */
function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

test('95% intervals of 10 replications cover the analytic M/M/1 mean in about 95% of 200 independent studies', () => {
  const base = scenarioFromYaml(text);
  const expected = mm1MeanResponse(LAMBDA, MU);
  const mean = metricIndex('latency_mean_ms');
  let covered = 0;
  let coveredTenPercentOff = 0;
  for (let study = 0; study < STUDIES; study++) {
    // Each study on its own seed: its replications' streams, (seed, r, name), share no draw with another study's.
    const { mean: m, halfWidth } = runScenario({ ...base, seed: 1000 + study }).study!.variants[0].intervals[mean];
    if (Math.abs(m - expected) <= halfWidth) covered++;
    if (Math.abs(m - 1.1 * expected) <= halfWidth) coveredTenPercentOff++;
  }
  // Covering at the nominal 0.95, the count is Binomial(200, 0.95): the band holds it with probability 0.999.
  let low = 0;
  while (binomialCdf(low, STUDIES, 0.95) < 0.0005) low++;
  let high = STUDIES;
  while (high > 0 && binomialCdf(high - 1, STUDIES, 0.95) > 0.9995) high--;
  expect(covered, `covered in ${covered} of ${STUDIES} studies; band ${low}..${high}`).toBeGreaterThanOrEqual(low);
  expect(covered).toBeLessThanOrEqual(high);
  // And the intervals are narrow enough to be a test: a mean 10% off is covered far less often.
  expect(coveredTenPercentOff, `a mean 10% off covered in ${coveredTenPercentOff} of ${STUDIES}`).toBeLessThan(low / 2);
}, 120_000);
