// The language servers measured: ours as bundled, and the peers a user would otherwise run, each
// set up as its editor extension sets it up (so that it does the work it does for users), with
// nothing fetched from the network.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerSpec } from './lsp-session';
import { PEERS_DIR as PEERS, SHIPPED_DIR } from './paths';

export const OUR_SERVER = 'tobs';

export function ourServer(maxFiles?: number): ServerSpec {
  return {
    name: OUR_SERVER,
    argv: [process.execPath, path.join(SHIPPED_DIR, 'server.js'), '--stdio'],
    settings: { tobs: maxFiles ? { maxFiles } : {} },
  };
}

export const dockerfileLanguageServer: ServerSpec = {
  name: 'dockerfile-language-server-nodejs',
  argv: [process.execPath, path.join(PEERS, 'dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'],
  settings: {},
};

/**
 * The Red Hat YAML extension validates compose files against the Compose schema from SchemaStore;
 * with no network here it gets the same schema from the copy dclint ships.
 */
export const yamlLanguageServer: ServerSpec = {
  name: 'yaml-language-server',
  argv: [process.execPath, path.join(PEERS, 'yaml-language-server/bin/yaml-language-server'), '--stdio'],
  settings: {
    yaml: {
      validate: true,
      schemaStore: { enable: false },
      schemas: { [pathToFileURL(path.join(PEERS, 'dclint/schemas/compose.schema.json')).href]: ['**/*compose*.yml', '**/*compose*.yaml'] },
    },
  },
  pushSettings: true,
};

/** Lints with shellcheck from PATH, as the Bash IDE extension does by default. */
export const bashLanguageServer: ServerSpec = {
  name: 'bash-language-server',
  argv: [process.execPath, path.join(PEERS, 'bash-language-server/out/cli.js'), 'start'],
  settings: { bashIde: { shellcheckPath: 'shellcheck', shfmt: { path: '' } } },
};
