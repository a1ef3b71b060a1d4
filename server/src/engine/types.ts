// The engine's vocabulary. Positions follow LSP: zero-based lines, UTF-16 code units.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export type RuleSetting = Severity | 'off';

/** The three kinds of file the engine understands. */
export type Language = 'dockerfile' | 'compose' | 'shell';

export interface TextEdit {
  uri: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  preferred: boolean;
  /** May touch several files (a compose fix that also adds an ARG to the Dockerfile). */
  edits: TextEdit[];
}

export interface RelatedLocation {
  uri: string;
  range: Range;
  message: string;
}

/** JSON-serialisable payload a rule needs to compute its fixes later, statelessly. */
export type FixData = { [key: string]: unknown };

export interface Finding {
  uri: string;
  rule: string;
  severity: Severity;
  range: Range;
  message: string;
  related: RelatedLocation[];
  data: FixData;
}

/** Facts about the machine that runs the containers; supplied by the client or the CLI. */
export interface HostFacts {
  engine?: 'podman' | 'docker';
  renderGid?: number;
  composeProvider?: 'podman-compose' | 'docker-compose' | 'podman compose' | 'docker compose';
  composeProviderVersion?: string;
}

export interface ResourceSpec {
  cpus: string;
  memory: string;
}

export interface HealthcheckOptions {
  /** Exec form: the argv the container runs, e.g. ["python", "-c", "..."]. */
  command: string[];
  interval: string;
  timeout: string;
  startPeriod: string;
  retries: number;
}

export interface Options {
  /** The uv version a fix pins to. */
  uvVersion: string;
  /** uv images older than this are reported. */
  minUvVersion: string;
  /** The user a fix puts in `--user`. */
  runUser: string;
  resources: { limits: ResourceSpec; reservations: ResourceSpec };
  healthcheck: HealthcheckOptions;
  /** The image this project builds and runs, when nothing in the files says so. */
  image?: string;
}

export interface Config {
  rules: Record<string, RuleSetting>;
  options: Options;
  host: HostFacts;
}
