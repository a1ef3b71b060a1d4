// The 16 rules the user's own before set (examples/tobs, the scenario's tobs-before) must raise,
// by severity, as CHANGES_SUMMARY lists them: 3 errors (P0), 10 warnings (P1), 3 infos (P2).

const SEED_RULES = {
  error: ['compose/hardcoded-gid', 'script/run-as-root', 'script/unquoted-path'],
  warning: [
    'dockerfile/uv-image-version',
    'dockerfile/uv-sync',
    'dockerfile/uv-cache-mount',
    'dockerfile/volume-dirs',
    'dockerfile/healthcheck',
    'compose/empty-proxy-vars',
    'compose/resource-limits',
    'compose/healthcheck',
    'script/render-gid-detect',
    'script/image-exists-check',
  ],
  info: ['dockerfile/python-version-arg', 'compose/obsolete-version', 'compose/build-args'],
} as const;

/** rule id → severity, for the 16 seed rules. */
export const SEED_SEVERITY: ReadonlyMap<string, 'error' | 'warning' | 'info'> = new Map(
  (Object.entries(SEED_RULES) as ['error' | 'warning' | 'info', readonly string[]][]).flatMap(([severity, ids]) => ids.map((id) => [id, severity] as const)),
);

