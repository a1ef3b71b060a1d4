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

/**
 * Rules about the machine rather than the files. In an editor the client tells the server which
 * compose provider this host has, and on a host whose podman-compose ignores `group_add` (Debian's
 * 1.0.3, as on CI) the example's compose file gets this finding as well; no fix can remove it.
 */
export const HOST_RULES: ReadonlySet<string> = new Set(['compose/podman-compose-group-add']);
