import type { HostFacts, RuleSetting, Severity } from '../engine/types';
import { COMPOSE_PROVIDERS, isComposeProvider, isVersion } from '../host/host-facts';

export type Format = 'stylish' | 'json' | 'sarif';

export interface CliArgs {
  paths: string[];
  format: Format;
  fix: boolean;
  fixDryRun: boolean;
  config?: string;
  rules: Record<string, RuleSetting>;
  failOn: Severity;
  /** Host facts given as flags; they win over detected ones. */
  host: HostFacts;
  /** Detect the host facts that no flag gives (runs podman, podman-compose, getent). */
  detectHost: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: tobs-lint [paths…] [options]

Lints Dockerfiles, compose files and podman/docker scripts (default path: .).

Options:
  --format stylish|json|sarif   output format (default: stylish)
  --fix                         apply every preferred fix, repeat until nothing changes
  --fix-dry-run                 print the fixes as a unified diff; write nothing
  --config FILE                 use this .tobs-lint.yaml instead of searching upward
  --rule ID=off|error|warning|info
                                override one rule's severity (repeatable)
  --fail-on error|warning|info  lowest severity that makes the exit code 1 (default: error)
  --engine podman|docker        the container engine the files are used with
  --render-gid N                the host's render group id, used by fixes
  --compose-provider NAME       what runs compose files on the host: podman-compose,
                                docker-compose, "podman compose" or "docker compose"
  --compose-provider-version X.Y.Z
                                that provider's version (podman-compose before 1.0.6
                                ignores group_add)
  --detect-host                 detect the engine, compose provider, its version and the
                                render group id by running podman, podman-compose and
                                getent; flags above win over what is detected
  -h, --help                    show this help
  -v, --version                 show the version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, config or read error.`;

const SEVERITIES = ['error', 'warning', 'info'];

export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = { paths: [], format: 'stylish', fix: false, fixDryRun: false, rules: {}, failOn: 'error', host: {}, detectHost: false, help: false, version: false };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--format': {
        const f = value();
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be stylish, json or sarif, got ${f}`);
        args.format = f;
        break;
      }
      case '--fix':
        args.fix = true;
        break;
      case '--fix-dry-run':
        args.fixDryRun = true;
        break;
      case '--config':
        args.config = value();
        break;
      case '--rule': {
        const spec = value();
        const m = /^([\w\/-]+)=(off|error|warning|info)$/.exec(spec);
        if (!m) throw new UsageError(`--rule takes ID=off|error|warning|info, got ${spec}`);
        args.rules[m[1]] = m[2] as RuleSetting;
        break;
      }
      case '--fail-on': {
        const s = value();
        if (!SEVERITIES.includes(s)) throw new UsageError(`--fail-on must be error, warning or info, got ${s}`);
        args.failOn = s as Severity;
        break;
      }
      case '--engine': {
        const e = value();
        if (e !== 'podman' && e !== 'docker') throw new UsageError(`--engine must be podman or docker, got ${e}`);
        args.host.engine = e;
        break;
      }
      case '--render-gid': {
        const g = value();
        if (!/^\d+$/.test(g)) throw new UsageError(`--render-gid must be a number, got ${g}`);
        args.host.renderGid = Number(g);
        break;
      }
      case '--compose-provider': {
        const p = value();
        if (!isComposeProvider(p)) throw new UsageError(`--compose-provider must be one of ${COMPOSE_PROVIDERS.join(', ')}, got ${p}`);
        args.host.composeProvider = p;
        break;
      }
      case '--compose-provider-version': {
        const v = value();
        if (!isVersion(v)) throw new UsageError(`--compose-provider-version must be a version such as 1.0.3, got ${v}`);
        args.host.composeProviderVersion = v;
        break;
      }
      case '--detect-host':
        args.detectHost = true;
        break;
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-v':
      case '--version':
        args.version = true;
        break;
      default:
        if (raw.startsWith('-') && raw !== '-') throw new UsageError(`unknown option ${raw}`);
        args.paths.push(raw);
    }
  }
  if (args.fix && args.fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (!args.paths.length) args.paths.push('.');
  return args;
}
