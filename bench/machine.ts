// The machine and the peers' versions, for the report: figures mean little without them.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PEERS_DIR } from './paths';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
}

export function machineInfo(): Machine {
  const release = fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '';
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: /^PRETTY_NAME="?([^"\n]*)/m.exec(release)?.[1] ?? `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/** The peers installed from bench/package.json, and shellcheck from the system. */
export function peerVersions(): Record<string, string> {
  const { dependencies } = JSON.parse(fs.readFileSync(path.join(PEERS_DIR, '../package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const versions: Record<string, string> = {};
  for (const name of Object.keys(dependencies)) {
    versions[name] = (JSON.parse(fs.readFileSync(path.join(PEERS_DIR, name, 'package.json'), 'utf8')) as { version: string }).version;
  }
  versions.shellcheck = /^version: (\S+)/m.exec(execFileSync('shellcheck', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  return versions;
}
