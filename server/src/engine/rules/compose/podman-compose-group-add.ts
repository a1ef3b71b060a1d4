// podman-compose before 1.0.6 (the version Debian and Ubuntu ship is 1.0.3) drops `group_add`
// without a word: the containers it starts get none of the groups, and a GPU passed through
// /dev/dri cannot be opened. The file is right; the tool that reads it on this host is not, so
// this rule fires only when the host's compose provider is known to be such a podman-compose.

import { sequenceItems } from '../../parse/compose';
import { defineRule } from '../../rule';
import type { HostFacts } from '../../types';
import { mergedPair, nodeRange } from './shared/lookup';

/** podman-compose passes `group_add` on from 1.0.6 (containers/podman-compose#653). */
function ignoresGroupAdd(version: string): boolean {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version);
  if (!m) return false;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return major < 1 || (major === 1 && minor === 0 && patch < 6);
}

function droppingVersion(host: HostFacts): string | undefined {
  const version = host.composeProviderVersion;
  return host.composeProvider === 'podman-compose' && version && ignoresGroupAdd(version) ? version : undefined;
}

export default defineRule({
  meta: {
    id: 'compose/podman-compose-group-add',
    language: 'compose',
    severity: 'warning',
    description: 'On a host whose compose provider is podman-compose before 1.0.6, `group_add` is ignored.',
    messages: {
      ignored:
        'This host runs compose files with podman-compose {{version}}, which ignores `group_add`: the containers it starts get none of these groups (a GPU through /dev/dri cannot be opened). Build & Run passes the render group itself (`--podman-run-args=--group-add=<gid>`); in a terminal add that option to `podman-compose up`, or update podman-compose to 1.0.6 or later.',
    },
  },
  check(ctx) {
    const { file } = ctx;
    const version = droppingVersion(ctx.host);
    if (!version || file.errors.length) return;
    const keys = file.services
      .map((s) => mergedPair(file, s.map, 'group_add'))
      .filter((pair) => pair && sequenceItems(pair.value).length > 0)
      .map((pair) => pair!.key)
      .sort((a, b) => a.range![0] - b.range![0]);
    if (keys.length) ctx.report({ range: nodeRange(file, keys[0]), messageId: 'ignored', data: { version } });
  },
});
