import { expect, test } from 'vitest';
import { runScenario } from '../src/run/run-scenario.js';
import { loadScenario } from '../src/scenario/load-scenario.js';

// scenarios/ingress.yaml: 70% of requests ask for shop.example.com/ (the web Service, 3 pods),
// 30% for /cart/items (Prefix /cart wins over Prefix / as the longer match: the cart Service,
// 2 pods). Controllers balance round robin per backend, so web pods share 70% evenly, cart 30%.
test('the Ingress sends each request to the backend its host and path match, round robin', () => {
  const Z = 3.2905;
  for (const v of runScenario(loadScenario(['scenarios/ingress.yaml'], { requests: 20000 })).variants) {
    const served = (prefix: string) => v.pods.filter((p) => p.name.startsWith(prefix));
    const web = served('web-').reduce((sum, p) => sum + p.completed, 0);
    const cart = served('cart-').reduce((sum, p) => sum + p.completed, 0);
    expect(web + cart).toBe(v.completed);
    expect(Math.abs(web / v.completed - 0.7)).toBeLessThanOrEqual(Z * Math.sqrt((0.7 * 0.3) / v.completed));
    // Round robin per controller pod: the backend pods of a route differ by at most one request per controller.
    const webCounts = served('web-').map((p) => p.completed);
    expect(Math.max(...webCounts) - Math.min(...webCounts)).toBeLessThanOrEqual(2);
    // Every request passes a controller pod first.
    expect(served('ingress-nginx-').reduce((sum, p) => sum + p.completed, 0)).toBe(v.completed);
  }
});
