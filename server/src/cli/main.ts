// tobs-lint: the same rules as the editor, for CI. Reads files, lints, prints, fixes, exits.

import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import {
  allRules,
  ConfigError,
  defaultConfig,
  fixAll,
  Linter,
  parseConfig,
  rulesById,
  Snapshot,
  uriKey,
  type Config,
  type Severity,
} from '../engine/index';
import { detectHostFacts, type Probe } from '../host/detect';
import { fileUri, findConfigFile, walkWorkspace } from '../host/workspace-files';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { displayPath, type Reported } from './formats/common';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';

declare const TOBS_VERSION: string | undefined;
const VERSION = typeof TOBS_VERSION === 'string' ? TOBS_VERSION : '0.0.0-dev';
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  colour: boolean;
  /** Runs the programs `--detect-host` asks; tests pass a fake. */
  probe?: Probe;
}

export function main(argv: readonly string[], io: CliIo): number {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tobs-lint: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (args.version) {
    io.stdout(VERSION + '\n');
    return 0;
  }

  let config: Config;
  try {
    config = loadConfig(args);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof UsageError) {
      io.stderr(`tobs-lint: invalid configuration: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // Facts given as flags win over detected ones.
  if (args.detectHost) config.host = { ...detectHostFacts(io.probe), ...config.host };

  // Each path is read with its folder, so that cross-file rules see the compose file's
  // Dockerfile; only the files under the given paths are reported.
  const files = new Map<string, { uri: string; text: string }>();
  const reportScope = new Set<string>();
  let readError = false;
  for (const p of args.paths) {
    if (!fs.existsSync(p)) {
      io.stderr(`tobs-lint: ${p}: no such file or folder\n`);
      readError = true;
      continue;
    }
    const isFile = fs.statSync(p).isFile();
    const walk = walkWorkspace(isFile ? dirnameOf(p) : p);
    for (const problem of walk.problems) io.stderr(`tobs-lint: ${problem.path}: ${problem.message}\n`);
    if (walk.truncated) io.stderr(`tobs-lint: ${p}: too many files; only the first ${walk.files.length} were read\n`);
    for (const f of walk.files) files.set(uriKey(f.uri), f);
    if (isFile) {
      const uri = fileUri(p);
      if (!files.has(uriKey(uri))) files.set(uriKey(uri), { uri, text: fs.readFileSync(p, 'utf8') });
      reportScope.add(uriKey(uri));
    } else {
      const prefix = uriKey(fileUri(p)).replace(/\/?$/, '/');
      for (const f of walk.files) if (uriKey(f.uri).startsWith(prefix)) reportScope.add(uriKey(f.uri));
    }
  }
  if (readError) return 2;

  const linter = new Linter();
  let snapshot = new Snapshot(files.values());
  for (const u of linter.unreadable(snapshot)) if (reportScope.has(uriKey(u.uri))) io.stderr(`tobs-lint: ${displayPath(u.uri)}: ${u.message}\n`);

  if (args.fix || args.fixDryRun) {
    const result = fixAll(linter, snapshot, config, reportScope);
    for (const uri of result.changed) {
      const before = snapshot.get(uri)!.text;
      const after = result.snapshot.get(uri)!.text;
      if (before === after) continue;
      if (args.fixDryRun) {
        const name = displayPath(uri);
        io.stdout(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }));
      } else {
        fs.writeFileSync(fileURLToPath(uri), after);
      }
    }
    if (args.fixDryRun) return 0;
    snapshot = result.snapshot;
  }

  const findings = linter.lint(snapshot, config, reportScope);
  const reported: Reported[] = findings.map((finding) => ({ finding, fixes: linter.fixes(snapshot, config, finding, false) }));
  if (args.format === 'json') io.stdout(formatJson(reported));
  else if (args.format === 'sarif') io.stdout(formatSarif(reported, allRules, VERSION));
  else io.stdout(formatStylish(reported, io.colour));
  return findings.some((f) => RANK[f.severity] >= RANK[args.failOn]) ? 1 : 0;
}

function dirnameOf(p: string): string {
  const i = p.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i) || '/';
}

function loadConfig(args: CliArgs): Config {
  const known = new Set(rulesById.keys());
  const file = args.config ?? findConfigFile(args.paths[0]);
  let config = defaultConfig();
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    try {
      config = parseConfig(text, known);
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(e.key, `${e.detail} (in ${file})`);
      throw e;
    }
  }
  for (const [id, setting] of Object.entries(args.rules)) {
    if (!known.has(id)) throw new ConfigError(`--rule ${id}`, 'unknown rule id');
    config.rules[id] = setting;
  }
  config.host = { ...config.host, ...args.host };
  return config;
}

/** The CLI on this process's arguments and streams. */
export function run(): void {
  const code = main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    colour: !!process.stdout.isTTY && !process.env.NO_COLOR,
  });
  process.exitCode = code;
}

if (require.main === module) run();
