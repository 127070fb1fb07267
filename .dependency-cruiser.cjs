// The layering rule of ARCHITECTURE.md as a check: each folder may import only the folders listed
// there, so a wrong import fails `npm test`.
const layer = (name) => `^src/${name}/`;
const only = (from, allowed) => ({
  name: `${from}-imports-only-${allowed.length ? allowed.join('-') : 'itself'}`,
  severity: 'error',
  comment: `src/${from} may import ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'no other layer'}`,
  from: { path: layer(from) },
  to: {
    path: '^src/',
    pathNot: [layer(from), ...allowed.map(layer)],
  },
});

module.exports = {
  forbidden: [
    only('wbxml', []),
    only('eas', ['wbxml']),
    only('domain', []),
    only('content', ['domain', 'eas']),
    only('sync', ['domain', 'eas']),
    only('commands', ['eas', 'sync', 'content', 'domain', 'observability']),
    only('http', ['commands', 'eas', 'domain', 'observability']),
    only('backends', ['domain']),
    only('state', ['domain']),
    only('observability', []),
    only('config', []),
    only('client', ['wbxml', 'eas']),
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'nothing-imports-the-composition-root',
      severity: 'error',
      from: { pathNot: '^src/(main|app|cli)\\.ts$' },
      to: { path: '^src/(main|app)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
