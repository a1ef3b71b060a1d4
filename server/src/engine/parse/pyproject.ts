// Just enough of pyproject.toml (and uv.toml): one-line string keys of a table, such as the
// `requires-python` string of the `[project]` table, with their offsets, so a finding can point at
// them. Multi-line strings and inline tables are not needed for these keys.

export interface TomlString {
  value: string;
  /** Offsets of the string's content, inside the quotes. */
  start: number;
  end: number;
}

/** The lines of `[table]` (`''`: the lines before any table header), with their offsets. */
function* tableLines(text: string, table: string): Generator<{ line: string; offset: number }> {
  let current = '';
  let offset = 0;
  for (const line of text.split('\n')) {
    const header = /^\s*\[([^\]]+)\]\s*(#.*)?\r?$/.exec(line);
    if (header) current = header[1].trim();
    else if (current === table) yield { line, offset };
    offset += line.length + 1;
  }
}

/** The string value of `key` in `[table]`. */
export function tomlString(text: string, table: string, key: string): TomlString | undefined {
  const assignment = new RegExp(`^(\\s*${key.replace(/[.-]/g, '\\$&')}\\s*=\\s*)(["'])([^"'\\r\\n]*)\\2`);
  for (const { line, offset } of tableLines(text, table)) {
    const m = assignment.exec(line);
    if (m) return { value: m[3], start: offset + m[1].length + 1, end: offset + m[1].length + 1 + m[3].length };
  }
  return undefined;
}

/** The keys `[table]` assigns (bare or quoted), such as the commands of `[project.scripts]`. */
export function tomlKeys(text: string, table: string): string[] {
  const keys: string[] = [];
  for (const { line } of tableLines(text, table)) {
    const m = /^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*=/.exec(line);
    if (m) keys.push(m[1] ?? m[2] ?? m[3]);
  }
  return keys;
}

export interface RequiresPython {
  spec: string;
  start: number;
  end: number;
}

export function requiresPython(text: string): RequiresPython | undefined {
  const found = tomlString(text, 'project', 'requires-python');
  return found && { spec: found.value, start: found.start, end: found.end };
}

type Parts = number[];

export interface Clause {
  op: '>=' | '>' | '<=' | '<' | '==' | '!=' | '~=';
  version: Parts;
  wildcard: boolean;
}

/** Parses a PEP 440 specifier set such as `>=3.11,<3.13`; undefined when it is not one we understand. */
export function parseSpecifier(spec: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const raw of spec.split(',')) {
    const m = /^\s*(>=|<=|==|!=|~=|>|<)\s*(\d+(?:\.\d+)*)(\.\*)?\s*$/.exec(raw);
    if (!m) return undefined;
    clauses.push({ op: m[1] as Clause['op'], version: m[2].split('.').map(Number), wildcard: !!m[3] });
  }
  return clauses.length ? clauses : undefined;
}

function compare(a: Parts, b: Parts): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function startsWith(v: Parts, prefix: Parts): boolean {
  return prefix.every((p, i) => (v[i] ?? 0) === p);
}

export function satisfies(version: Parts, clauses: readonly Clause[]): boolean {
  return clauses.every(({ op, version: c, wildcard }) => {
    const d = compare(version, c);
    switch (op) {
      case '>=':
        return d >= 0;
      case '>':
        return d > 0;
      case '<=':
        return d <= 0;
      case '<':
        return d < 0;
      case '==':
        return wildcard ? startsWith(version, c) : d === 0;
      case '!=':
        return wildcard ? !startsWith(version, c) : d !== 0;
      case '~=':
        return d >= 0 && startsWith(version, c.slice(0, -1));
    }
  });
}

/**
 * Whether an image tag's Python version (`3.11.8`, or a series such as `3.12` meaning its newest
 * patch release) can satisfy the clauses. A series is excluded only if both its first and a late
 * release are.
 */
export function seriesSatisfies(version: Parts, clauses: readonly Clause[]): boolean {
  if (version.length >= 3) return satisfies(version, clauses);
  const first = [...version, ...Array(3 - version.length).fill(0)];
  const late = [...version, ...Array(3 - version.length).fill(999)];
  return satisfies(first, clauses) || satisfies(late, clauses);
}

/** The lowest version the clauses name as allowed (from `>=`, `~=`, `==`), if it satisfies them all. */
export function lowestAllowed(clauses: readonly Clause[]): string | undefined {
  const candidates = clauses.filter((c) => c.op === '>=' || c.op === '~=' || c.op === '==').map((c) => c.version);
  candidates.sort(compare);
  const lowest = candidates[candidates.length - 1];
  return lowest && seriesSatisfies(lowest, clauses) ? lowest.join('.') : undefined;
}
