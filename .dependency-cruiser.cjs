/** Import rules from DESIGN.md §1: cli, server -> iam, sts -> policy, store(port), core; protocol -> core. */
const layer = (name) => `^src/${name}/`;
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-the-kernel',
      severity: 'error',
      from: { path: layer('core') },
      to: { path: '^src/(?!core/)' },
    },
    {
      name: 'policy-is-pure',
      severity: 'error',
      comment: 'The policy engine runs in the browser too: no Warden layer but core, no node: builtins.',
      from: { path: layer('policy') },
      to: { pathNot: '^src/(policy|core)/|^node_modules/(@cloud-copilot/|ipaddr\\.js/)' },
    },
    {
      name: 'protocol-only-core',
      severity: 'error',
      from: { path: layer('protocol') },
      to: { path: '^src/(?!core/|protocol/)' },
    },
    {
      name: 'domain-not-outward',
      severity: 'error',
      from: { path: '^src/(iam|sts)/' },
      to: { path: '^src/(server|cli|store/sqlite|store/postgres)/' },
    },
    {
      name: 'store-adapters-only-port',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { path: '^src/(?!core/|store/)' },
    },
    {
      name: 'audit-is-a-leaf',
      severity: 'error',
      comment: 'The event log (src/audit) uses core, policy types and the SQLite helpers; the edges call it.',
      from: { path: layer('audit') },
      to: { path: '^src/(iam|sts|server|cli|protocol)/' },
    },
    {
      name: 'domain-not-audit',
      severity: 'error',
      comment: 'Actions report decisions through ActionContext.onDecision; they never write events.',
      from: { path: '^src/(iam|sts|policy|store)/' },
      to: { path: layer('audit') },
    },
    {
      name: 'client-standalone',
      severity: 'error',
      comment: 'The authorization API client is for other services: nothing of the Warden server.',
      from: { path: layer('client') },
      to: { path: '^src/(?!client/)' },
    },
    {
      name: 'server-not-cli',
      severity: 'error',
      from: { path: layer('server') },
      to: { path: layer('cli') },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
