// The import rules of src/, checked by test/layers-import-only-downward.test.ts and printed by
// `npm run layers` (scripts/layers.mjs). Type-only imports count like value imports.

// The layers from the bottom, each with why it may not import the ones above it. A file may
// import files of its own layer and of the layers before it; src/index.ts, the public API list,
// sits above them all and may import anything.
const layers = [
  // Time, the event queue, random streams, queueing theory.
  ['engine', 'the engine is a general discrete-event kernel: it knows nothing of Kubernetes or of svcsim'],
  // Nodes, pods, links, kube-proxy, load balancers, ingress.
  ['model', 'the model is the cluster: the scenario wires it and stats observe it, never the reverse'],
  // Arrivals and clients.
  ['workload', 'traffic drives the model; it neither reads the scenario nor records statistics'],
  // Recorder, histograms, confidence intervals, results.
  ['stats', 'statistics are trace sinks: they observe the simulation, not where its settings came from'],
  // YAML, Kubernetes objects and their validation, the Scenario schema, building a variant.
  ['scenario', 'the scenario turns files into a model; running and reporting come after it'],
  // runScenario: the one entry point of the CLI, tests and benchmarks.
  ['run', 'a run simulates a scenario\'s variants; how its results are shown is not its business'],
  // The capacity planner: queueing-theory bracket and search, over run's tasks.
  ['plan', 'the planner decides which runs to make from their results; showing its answer is output\'s business'],
  // CSV files, console table, JSON summary, progress bar.
  ['output', 'output formats results; only the command line sits above it'],
  // The yargs command line and the bin's launcher.
  ['cli', 'the command line is the top layer, but the public API list is not for it to import'],
];

const layerRules = layers.map(([layer, why], rank) => {
  const allowed = layers.slice(0, rank + 1).map(([name]) => name);
  return {
    name: `${layer}-imports-only-downward`,
    comment: `${why}. It may import: ${allowed.join(', ')}.`,
    severity: 'error',
    from: { path: `^src/${layer}/` },
    to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
  };
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'simulation-sees-no-files-yaml-or-command-line',
      comment:
        'engine, model, workload and stats run inside a simulation: they never read files, parse ' +
        'YAML, validate input or format output, so they import none of the packages that do.',
      severity: 'error',
      from: { path: '^src/(engine|model|workload|stats)/' },
      to: {
        path: [
          '^(node:)?(fs|path)(/|$)',
          '^node_modules/(@types/)?(yaml|zod|yargs|cli-table3|cli-progress|csv-stringify|papaparse|vega|vega-lite)/',
        ],
      },
    },
    {
      name: 'no-import-cycles',
      comment:
        'A cycle makes files that can only be understood, tested and changed together, and ' +
        'makes the result depend on module evaluation order; move what both need to its own file.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'every-import-resolves',
      comment:
        'An import the cruise cannot resolve would escape every rule above: it must fail loudly ' +
        '(e.g. if .js specifiers stopped resolving to .ts files).',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports are dependencies too: a model that needs a scenario type depends on it.
    tsPreCompilationDeps: true,
    // The project's TypeScript settings (NodeNext: `./x.js` in a .ts file means ./x.ts). If that
    // resolution ever broke, every-import-resolves would say so.
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages are leaves here: which package, not its insides, is what the rules are about.
    doNotFollow: { path: '^node_modules/' },
    // ES modules, and require() for src/cli/launcher.cjs.
    moduleSystems: ['es6', 'cjs'],
    // Packages are resolved as Node resolves an ES module's import: through their exports map.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
    },
  },
};
