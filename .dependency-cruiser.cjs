/** The dependency rules of the hexagon (docs/architecture.md), checked in CI by `npm run depcheck`. */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles are not allowed anywhere.', from: {}, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'src/domain imports only src/domain, src/ports types and pure libraries: no adapters, app, cli, DI, SDKs or filesystem.',
      from: { path: '^src/domain' },
      to: { path: ['^src/(adapters|app|cli|testing)', 'node_modules/(inversify|reflect-metadata|@aws-sdk|@duckdb|better-sqlite3)', '^(fs|node:fs)$', '^fs/promises$', '^node:fs/promises$'] },
    },
    {
      name: 'domain-no-fs-builtin',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(fs|fs/promises|child_process|net|http|https)$' },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      comment: 'Ports import only domain model types.',
      from: { path: '^src/ports' },
      to: { path: ['^src/(adapters|app|cli|testing)', 'node_modules/(inversify|reflect-metadata|@aws-sdk|@duckdb|better-sqlite3)'] },
    },
    {
      name: 'adapters-not-app',
      severity: 'error',
      comment: 'Adapters implement ports; they do not reach into use cases or the CLI.',
      from: { path: '^src/adapters' },
      to: { path: '^src/(app|cli)' },
    },
    {
      name: 'only-root-uses-inversify',
      severity: 'error',
      comment: 'inversify is used by the composition root (src/app/container*.ts) only.',
      from: { path: '^src/', pathNot: '^src/app/container' },
      to: { path: 'node_modules/inversify' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
