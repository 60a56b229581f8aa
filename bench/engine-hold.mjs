// The hold model: N events pending; each event, when it fires, schedules one more at an
// exponential delay, so the queue stays at N. It measures the event queue and the dispatch
// loop, plus one random draw and one log per event (about 25 ns of the total).
// Prints one JSON line. Usage: node bench/engine-hold.mjs [--events E]
import { EventQueue } from '../dist/engine/event-queue.js';
import { Simulator } from '../dist/engine/simulator.js';
import { RandomStreams } from '../dist/engine/random.js';

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function hold(pending, events) {
  const sim = new Simulator(new EventQueue(pending));
  const u = new RandomStreams(1, 0).stream('hold');
  const again = sim.register(() => { sim.schedule(-Math.log(1 - u()), again); });
  const t0 = performance.now();
  for (let i = 0; i < pending; i++) sim.schedule(-Math.log(1 - u()), again);
  const t1 = performance.now();
  sim.run({ maxEvents: events });
  const t2 = performance.now();
  if (sim.pending !== pending) throw new Error(`hold model leaked events: ${sim.pending} pending, want ${pending}`);
  return {
    pending,
    events,
    setup_s: +((t1 - t0) / 1000).toFixed(4),
    loop_s: +((t2 - t1) / 1000).toFixed(4),
    events_per_s: Math.round(events / ((t2 - t1) / 1000)),
  };
}

const events = arg('--events', 5_000_000);
const results = [1_000, 1_000_000].map((n) => hold(n, events));
console.log(JSON.stringify({ bench: 'engine-hold', results, maxrss_kb: process.resourceUsage().maxRSS }));
