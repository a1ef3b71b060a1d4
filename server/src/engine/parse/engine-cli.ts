// Recognises `podman`/`docker` invocations among a script's simple commands and splits them into
// subcommand, options (both `--flag value` and `--flag=value`) and positionals.

import { resolveValue, valueAfterEquals, type SimpleCommand, type Word } from './shell';

export type EngineName = 'podman' | 'docker';

export interface EngineOption {
  /** Canonical long name, e.g. `--user` for `-u`. */
  name: string;
  flag: Word;
  /** The value word; for `--flag=value` a word covering the part after `=`. */
  value?: Word;
  inline: boolean;
}

export interface EngineCommand {
  command: SimpleCommand;
  engineWord: Word;
  /** What the engine word resolves to; `undefined` for a variable such as `$ENGINE` that could be either. */
  engine: EngineName | undefined;
  /** `run`, `create`, `build`, `image exists`, `image inspect`, `compose`, … */
  sub: string;
  options: EngineOption[];
  positionals: Word[];
}

const PREFIXES = new Set(['sudo', 'exec', 'command', 'nohup', 'time', 'env', 'doas']);
const PREFIX_OPTIONS_WITH_VALUE = new Set(['-u', '--user', '-g', '--group', '-C', '-h', '--host']);
const GLOBAL_OPTIONS_WITH_VALUE = new Set([
  '--log-level', '--root', '--runroot', '--storage-driver', '--storage-opt', '--cgroup-manager', '--connection', '-c',
  '--url', '--identity', '--context', '-H', '--host', '--config', '--tmpdir', '--runtime', '--events-backend',
  '--network-cmd-path', '--module', '-l',
]);
const ENGINE_VARIABLE = /docker|podman|engine|container|runtime|ctr|oci|cli|cmd/i;

const RUN_BOOLEAN = new Set([
  '--rm', '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--init', '--privileged', '--read-only', '-P',
  '--publish-all', '--no-healthcheck', '--oom-kill-disable', '--replace', '--rmi', '-q', '--quiet', '--help',
  '--disable-content-trust', '--no-hosts', '--read-only-tmpfs', '--env-host', '--tls-verify', '--sig-proxy',
  '--http-proxy', '--use-api-version',
]);
const RUN_SHORT: Record<string, string> = {
  '-u': '--user', '-v': '--volume', '-e': '--env', '-w': '--workdir', '-p': '--publish', '-m': '--memory',
  '-h': '--hostname', '-l': '--label', '-a': '--attach', '-c': '--cpu-shares',
};
const BUILD_BOOLEAN = new Set([
  '--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '--squash', '--squash-all', '--load', '--push',
  '--compress', '--layers', '--no-hosts', '--disable-content-trust', '--help', '--tls-verify', '--disable-compression',
  '--omit-history', '--identity-label', '--stdin',
]);
const BUILD_SHORT: Record<string, string> = { '-t': '--tag', '-f': '--file', '-q': '--quiet' };
const RUN_LIKE = new Set(['run', 'create']);
const BUILD_LIKE = new Set(['build']);

export function findEngineCommands(commands: readonly SimpleCommand[], vars: ReadonlyMap<string, string>, text: string): EngineCommand[] {
  const out: EngineCommand[] = [];
  for (const command of commands) {
    const parsed = parseEngineCommand(command, vars, text);
    if (parsed) out.push(parsed);
  }
  return out;
}

function engineOf(word: Word, vars: ReadonlyMap<string, string>): EngineName | undefined | null {
  const base = word.value.slice(word.value.lastIndexOf('/') + 1);
  if (base === 'podman' || base === 'docker') return base;
  if (!word.hasExpansion) return null;
  const resolved = resolveValue(word.value, vars);
  if (resolved !== undefined) {
    const b = resolved.slice(resolved.lastIndexOf('/') + 1);
    return b === 'podman' || b === 'docker' ? b : null;
  }
  const name = /^\$\{?([A-Za-z_]\w*)/.exec(word.value)?.[1];
  return name && ENGINE_VARIABLE.test(name) ? undefined : null;
}

function parseEngineCommand(command: SimpleCommand, vars: ReadonlyMap<string, string>, text: string): EngineCommand | undefined {
  const words = command.words;
  let k = 0;
  // Skip prefixes such as `sudo -E`, `exec`, `env A=b`.
  while (k < words.length && PREFIXES.has(words[k].value)) {
    k++;
    while (k < words.length && (words[k].value.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[k].value))) {
      if (PREFIX_OPTIONS_WITH_VALUE.has(words[k].value)) k++;
      k++;
    }
  }
  const engineWord = words[k];
  if (!engineWord) return undefined;
  const engine = engineOf(engineWord, vars);
  if (engine === null) return undefined;
  k++;
  while (k < words.length && words[k].value.startsWith('-')) {
    if (GLOBAL_OPTIONS_WITH_VALUE.has(words[k].value)) k++;
    k++;
  }
  const subWords: string[] = [];
  const first = words[k]?.value;
  if (first === 'container' || first === 'image' || first === 'buildx' || first === 'builder') {
    k++;
    const second = words[k]?.value;
    if (second === undefined) return undefined;
    if (first === 'image' && second !== 'build') subWords.push('image');
    subWords.push(second);
    k++;
  } else if (first !== undefined) {
    subWords.push(first);
    k++;
  } else {
    return undefined;
  }
  const sub = subWords.join(' ');
  const { options, positionals } = splitArguments(words.slice(k), sub, text);
  return { command, engineWord, engine, sub, options, positionals };
}

function splitArguments(words: Word[], sub: string, text: string): { options: EngineOption[]; positionals: Word[] } {
  const boolean = BUILD_LIKE.has(sub) ? BUILD_BOOLEAN : RUN_LIKE.has(sub) ? RUN_BOOLEAN : undefined;
  const short = BUILD_LIKE.has(sub) ? BUILD_SHORT : RUN_SHORT;
  const options: EngineOption[] = [];
  const positionals: Word[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const v = w.value;
    if (v === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (!v.startsWith('-') || v === '-' || (RUN_LIKE.has(sub) && positionals.length > 0)) {
      positionals.push(w);
      // For run/create, everything after the image belongs to the container's command.
      if (RUN_LIKE.has(sub)) {
        positionals.push(...words.slice(i + 1));
        break;
      }
      i++;
      continue;
    }
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      options.push({ name: v.slice(0, eq), flag: w, value: valueAfterEquals(text, w), inline: true });
      i++;
      continue;
    }
    if (!v.startsWith('--') && v.length > 2) {
      // Bundled short flags (`-it`, `-dit`): booleans only, unless the last takes a value.
      const letters = v.slice(1).split('');
      const last = '-' + letters[letters.length - 1];
      const takesValue = boolean !== undefined && !boolean.has(last);
      for (const letter of letters.slice(0, -1)) options.push({ name: short['-' + letter] ?? '-' + letter, flag: w, inline: false });
      if (takesValue && short[last]) {
        options.push({ name: short[last], flag: w, value: words[i + 1], inline: false });
        i += 2;
      } else {
        options.push({ name: short[last] ?? last, flag: w, inline: false });
        i++;
      }
      continue;
    }
    const name = short[v] ?? v;
    const takesValue = boolean !== undefined ? !boolean.has(v) : false;
    if (takesValue && i + 1 < words.length) {
      options.push({ name, flag: w, value: words[i + 1], inline: false });
      i += 2;
    } else {
      options.push({ name, flag: w, inline: false });
      i++;
    }
  }
  return { options, positionals };
}

/** The image of a `run`/`create`: its first positional. */
export function runImage(cmd: EngineCommand): Word | undefined {
  return RUN_LIKE.has(cmd.sub) ? cmd.positionals[0] : undefined;
}

export function optionValues(cmd: EngineCommand, ...names: string[]): EngineOption[] {
  return cmd.options.filter((o) => names.includes(o.name));
}

export function isRun(cmd: EngineCommand): boolean {
  return RUN_LIKE.has(cmd.sub);
}

export function isBuild(cmd: EngineCommand): boolean {
  return BUILD_LIKE.has(cmd.sub);
}
