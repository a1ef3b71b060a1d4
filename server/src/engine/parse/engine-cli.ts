// Recognises `podman`/`docker` invocations among a script's simple commands (also behind `sudo`,
// `exec`, `env`, or held in a variable such as `$ENGINE`) and splits them into subcommand,
// options (`--flag value`, `--flag=value`, bundled `-it`, attached `-u0`) and positionals.

import { resolveValue, wordFrom, type SimpleCommand, type Word } from './shell';

export type EngineName = 'podman' | 'docker';

export interface EngineOption {
  /** Canonical long name, e.g. `--user` for `-u`. */
  name: string;
  flag: Word;
  /** The value word; for `--flag=value` and `-uVALUE` a word covering the value part only. */
  value?: Word;
  /** The value is part of the flag word (`--flag=value`, `-uVALUE`). */
  inline: boolean;
}

export interface EngineCommand {
  command: SimpleCommand;
  /** Words before the engine word: `sudo -E`, `exec`, `env A=b`. */
  prefix: Word[];
  engineWord: Word;
  /** What the engine word resolves to; `undefined` for a variable such as `$ENGINE` that could be either. */
  engine: EngineName | undefined;
  /** `run`, `create`, `build`, `exec`, `image exists`, `image inspect`, `container exists`, `compose`, … */
  sub: string;
  options: EngineOption[];
  positionals: Word[];
}

/** All values each variable is assigned in the script, for names assigned more than once. */
export type VariableValues = ReadonlyMap<string, readonly string[]>;

/** Commands that run the rest of their words as a command, with the options each takes a value for. */
const PREFIXES: Record<string, { valued: Set<string>; positionals?: number }> = {
  sudo: { valued: new Set(['-u', '--user', '-g', '--group', '-C', '--close-from', '-h', '--host', '-p', '--prompt', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user']) },
  doas: { valued: new Set(['-u', '-C']) },
  exec: { valued: new Set(['-a']) },
  command: { valued: new Set() },
  nohup: { valued: new Set() },
  time: { valued: new Set(['-f', '--format', '-o', '--output']) },
  env: { valued: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']) },
  nice: { valued: new Set(['-n', '--adjustment']) },
  timeout: { valued: new Set(['-k', '--kill-after', '-s', '--signal']), positionals: 1 },
};
const GLOBAL_OPTIONS_WITH_VALUE = new Set([
  '--log-level', '--root', '--runroot', '--storage-driver', '--storage-opt', '--cgroup-manager', '--connection', '-c',
  '--url', '--identity', '--context', '-H', '--host', '--config', '--tmpdir', '--runtime', '--events-backend',
  '--network-cmd-path', '--module', '-l', '--conmon', '--hooks-dir', '--imagestore', '--network-config-dir',
  '--ssh', '--volumepath', '--out',
]);
/** A variable whose name says it holds the engine, when its value cannot be resolved. */
const ENGINE_VARIABLE = /docker|podman|engine|container|runtime|ctr|oci|cli|cmd/i;
/** A variable that holds `sudo` or nothing. */
const SUDO_VARIABLE = /^\$\{?[A-Za-z_]*sudo[A-Za-z_]*\}?$/i;
/** Subcommands that make an invocation through an unresolved variable count as an engine call. */
const KNOWN_SUBCOMMANDS = new Set([
  'run', 'create', 'build', 'buildx', 'builder', 'image', 'images', 'container', 'pull', 'push', 'exec', 'rm', 'rmi',
  'ps', 'inspect', 'compose', 'start', 'stop', 'kill', 'logs', 'tag', 'volume', 'network', 'pod', 'save', 'load',
  'cp', 'commit', 'login', 'logout', 'system', 'info', 'version', 'restart', 'wait', 'attach',
]);
/** `container X` subcommands that are the same as plain `X`. */
const CONTAINER_ALIASES = new Set([
  'run', 'create', 'rm', 'start', 'stop', 'kill', 'restart', 'exec', 'logs', 'cp', 'commit', 'attach', 'wait',
  'pause', 'unpause', 'port', 'rename', 'top', 'update', 'diff', 'export', 'stats',
]);

const RUN_BOOLEAN = new Set([
  '--rm', '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--init', '--privileged', '--read-only', '-P',
  '--publish-all', '--no-healthcheck', '--oom-kill-disable', '--replace', '--rmi', '-q', '--quiet', '--help',
  '--disable-content-trust', '--no-hosts', '--read-only-tmpfs', '--env-host', '--tls-verify', '--sig-proxy',
  '--http-proxy', '--passwd', '--no-hostname',
]);
const RUN_SHORT: Record<string, string> = {
  '-u': '--user', '-v': '--volume', '-e': '--env', '-w': '--workdir', '-p': '--publish', '-m': '--memory',
  '-h': '--hostname', '-l': '--label', '-a': '--attach', '-c': '--cpu-shares', '-d': '--detach', '-i': '--interactive',
  '-t': '--tty', '-q': '--quiet', '-P': '--publish-all',
};
const BUILD_BOOLEAN = new Set([
  '--no-cache', '--pull', '-q', '--quiet', '--rm', '--force-rm', '--squash', '--squash-all', '--load', '--push',
  '--compress', '--layers', '--no-hosts', '--disable-content-trust', '--help', '--tls-verify', '--disable-compression',
  '--omit-history', '--identity-label', '--stdin', '--all-platforms', '--disable-compression', '--no-cache-filter',
]);
const BUILD_SHORT: Record<string, string> = { '-t': '--tag', '-f': '--file', '-q': '--quiet', '-v': '--volume' };
/** For other subcommands, the options that take a value (everything else is a switch) and short names. */
const OTHER_GRAMMARS: { test: (sub: string) => boolean; valued: string[]; short: Record<string, string> }[] = [
  { test: (s) => s === 'exec', valued: ['--user', '--workdir', '--env', '--env-file', '--detach-keys'], short: { '-u': '--user', '-w': '--workdir', '-e': '--env' } },
  { test: (s) => s.endsWith('inspect'), valued: ['--format', '--type'], short: { '-f': '--format' } },
  { test: (s) => s === 'images' || s === 'image ls' || s === 'image list', valued: ['--format', '--filter'], short: { '-f': '--filter' } },
  { test: () => true, valued: ['--format', '--filter', '--time', '--signal', '--output', '--type'], short: {} },
];
/** A word that expands to any number of words: `"$@"`, `${args[@]}`, `$*`. */
const LIST_EXPANSION = /^"?\$(\{[A-Za-z_]\w*\[[@*]\]\}|[@*]|\{[@*]\})"?$/;
const RUN_LIKE = new Set(['run', 'create']);
/** Subcommands whose first positional is followed by a command line of its own. */
const COMMAND_AFTER_FIRST = new Set(['run', 'create', 'exec']);

export function findEngineCommands(
  commands: readonly SimpleCommand[],
  vars: ReadonlyMap<string, string>,
  text: string,
  values: VariableValues = new Map(),
): EngineCommand[] {
  const out: EngineCommand[] = [];
  for (const command of commands) {
    const parsed = parseEngineCommand(command, vars, values, text);
    if (parsed) out.push(parsed);
  }
  return out;
}

function engineName(path: string): EngineName | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === 'podman' || base === 'podman-remote') return 'podman';
  return base === 'docker' ? 'docker' : null;
}

/** The engine a word names: a name, `undefined` when it is a variable that could hold either, null when none. */
function engineOf(word: Word, vars: ReadonlyMap<string, string>, values: VariableValues): EngineName | undefined | null {
  const literal = engineName(word.value);
  if (literal || !word.hasExpansion) return literal;
  const name = /^\$\{?([A-Za-z_]\w*)/.exec(word.value)?.[1];
  const candidates = name && values.has(name) && /^\$\{?[A-Za-z_]\w*\}?$/.test(word.value) ? values.get(name)! : [word.value];
  const engines = new Set(candidates.map((v) => resolveValue(v, vars)).map((r) => (r === undefined ? undefined : engineName(r))));
  if (engines.size === 1 && !engines.has(undefined)) return [...engines][0]!;
  if (engines.has('podman') || engines.has('docker')) return undefined;
  return name && ENGINE_VARIABLE.test(name) && engines.has(undefined) ? undefined : null;
}

/** Index of the first word after the prefix commands (`sudo -E`, `env A=b`, `timeout 60`). */
function skipPrefixes(words: readonly Word[]): number {
  let k = 0;
  for (;;) {
    const w = words[k];
    if (!w) return k;
    const prefix = PREFIXES[w.value];
    if (!prefix && !SUDO_VARIABLE.test(w.value)) return k;
    k++;
    while (k < words.length && (words[k].value.startsWith('-') || /^[A-Za-z_]\w*=/.test(words[k].value))) {
      if (prefix?.valued.has(words[k].value)) k++;
      k++;
    }
    k += prefix?.positionals ?? 0;
  }
}

function parseEngineCommand(command: SimpleCommand, vars: ReadonlyMap<string, string>, values: VariableValues, text: string): EngineCommand | undefined {
  const words = command.words;
  let k = skipPrefixes(words);
  const engineWord = words[k];
  if (!engineWord) return undefined;
  const engine = engineOf(engineWord, vars, values);
  if (engine === null) return undefined;
  const prefix = words.slice(0, k);
  k++;
  while (k < words.length && words[k].value.startsWith('-')) {
    if (GLOBAL_OPTIONS_WITH_VALUE.has(words[k].value)) k++;
    k++;
  }
  const first = words[k]?.value;
  if (first === undefined) return undefined;
  if (engine === undefined && !KNOWN_SUBCOMMANDS.has(first)) return undefined;
  k++;
  let sub = first;
  if (first === 'container' || first === 'image' || first === 'buildx' || first === 'builder') {
    // `buildx` takes options of its own (`--builder x`) before its subcommand.
    while (first === 'buildx' && words[k]?.value.startsWith('-')) k += words[k].value.includes('=') ? 1 : 2;
    const second = words[k]?.value;
    if (second === undefined) return undefined;
    k++;
    if (second === 'build') sub = 'build';
    else if (first === 'container' && CONTAINER_ALIASES.has(second)) sub = second;
    else sub = `${first} ${second}`;
  }
  const { options, positionals } = splitArguments(words.slice(k), sub, text);
  return { command, prefix, engineWord, engine, sub, options, positionals };
}

interface OptionGrammar {
  short: Record<string, string>;
  takesValue(name: string): boolean;
}

function grammarOf(sub: string): OptionGrammar {
  if (RUN_LIKE.has(sub)) return { short: RUN_SHORT, takesValue: (n) => !RUN_BOOLEAN.has(n) && (n.startsWith('--') || n in RUN_SHORT) };
  if (sub === 'build') return { short: BUILD_SHORT, takesValue: (n) => !BUILD_BOOLEAN.has(n) && (n.startsWith('--') || n in BUILD_SHORT) };
  const { valued, short } = OTHER_GRAMMARS.find((g) => g.test(sub))!;
  return { short, takesValue: (n) => valued.includes(short[n] ?? n) };
}

function splitArguments(words: Word[], sub: string, text: string): { options: EngineOption[]; positionals: Word[] } {
  const grammar = grammarOf(sub);
  const options: EngineOption[] = [];
  const positionals: Word[] = [];
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const v = w.value;
    if (v === '--') {
      // A loop, not push(...): a generated or damaged line can hold more words than a call takes arguments.
      for (const rest of words.slice(i + 1)) positionals.push(rest);
      break;
    }
    if (LIST_EXPANSION.test(w.raw)) {
      // `"${args[@]}"` before the image usually holds options: what it holds is unknown.
      i++;
      continue;
    }
    if (!v.startsWith('-') || v === '-') {
      positionals.push(w);
      // For run/create/exec, everything after the image (or container) is the container's command.
      if (COMMAND_AFTER_FIRST.has(sub)) {
        for (const rest of words.slice(i + 1)) positionals.push(rest);
        break;
      }
      i++;
      continue;
    }
    const eq = v.indexOf('=');
    if (v.startsWith('--') && eq > 0) {
      options.push({ name: v.slice(0, eq), flag: w, value: wordFrom(text, w, w.raw.indexOf('=') + 1), inline: true });
      i++;
    } else if (v.startsWith('--')) {
      const value = grammar.takesValue(v) ? words[i + 1] : undefined;
      options.push({ name: v, flag: w, value, inline: false });
      i += value ? 2 : 1;
    } else {
      i += shortOptions(w, words[i + 1], grammar, text, options);
    }
  }
  return { options, positionals };
}

/**
 * Reads `-x`, bundled `-it` and attached `-u0`/`-u=0` the way the engines' flag parser does;
 * returns how many words it used.
 */
function shortOptions(w: Word, next: Word | undefined, grammar: OptionGrammar, text: string, out: EngineOption[]): number {
  const letters = w.value.slice(1);
  for (let idx = 0; idx < letters.length; idx++) {
    const flag = '-' + letters[idx];
    const name = grammar.short[flag] ?? flag;
    if (!grammar.takesValue(flag)) {
      out.push({ name, flag: w, inline: false });
      continue;
    }
    const rest = idx + 1;
    if (rest >= letters.length) {
      out.push({ name, flag: w, value: next, inline: false });
      return next ? 2 : 1;
    }
    // The value is attached: its offsets are known only when the letters before it are plain text.
    const plain = w.raw.startsWith('-' + letters.slice(0, rest));
    const skip = letters[rest] === '=' ? 1 : 0;
    out.push({ name, flag: w, value: plain ? wordFrom(text, w, 1 + rest + skip) : undefined, inline: true });
    return 1;
  }
  return 1;
}

/** The `sudo`/`doas` words (with their options) of the prefix: what another engine call needs too. */
export function privilegePrefix(cmd: EngineCommand): Word[] {
  const kept: Word[] = [];
  let keeping = false;
  for (const w of cmd.prefix) {
    if (w.value === 'sudo' || w.value === 'doas' || SUDO_VARIABLE.test(w.value)) keeping = true;
    else if (PREFIXES[w.value]) keeping = false;
    if (keeping) kept.push(w);
  }
  return kept;
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
  return cmd.sub === 'build';
}
