// The `test:` of a compose healthcheck written by a fix. Exec form (`["CMD", …]`) is the default;
// podman-compose 1.0.x joins and re-splits exec-form arguments, so an argument with a space in it
// (`-c "import sys; …"`) arrives broken and the container is unhealthy for ever (measured with
// podman-compose 1.0.3). For that provider the fix writes `CMD-SHELL` with the argv quoted instead.

import type { HostFacts } from '../../../types';

export function healthcheckTest(argv: readonly string[], host: HostFacts): string[] {
  const needsShell = host.composeProvider === 'podman-compose' && argv.some((a) => /\s/.test(a));
  return needsShell ? ['CMD-SHELL', argv.map(shellQuote).join(' ')] : ['CMD', ...argv];
}

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
