// podman (buildah) builds images in the OCI format unless told otherwise, and the OCI image config
// has no field for a health check: the build prints "HEALTHCHECK is not supported for OCI image
// format and will be ignored" and the image has none. A script's build keeps it with `--format
// docker`; compose has no key for the format, so a service gets the health check itself.

import { Healthcheck, type Instruction } from 'dockerfile-ast';
import { replaceOptionValue } from '../../edit/shell';
import { insertEntries, type YamlValue } from '../../edit/yaml';
import { getIn, pairOf, scalarString } from '../../parse/compose';
import { optionValues } from '../../parse/engine-cli';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import type { ParsedScript } from '../../parse/script';
import { resolveValue, type SimpleCommand, type Word } from '../../parse/shell';
import type { Project, ScriptBuild, ServiceModel } from '../../project';
import { defineRule, type RuleContext } from '../../rule';
import { uriKey } from '../../snapshot';
import type { HostFacts, RelatedLocation, TextEdit } from '../../types';
import { basenameUri } from '../../uri';
import { mergedGet, mergedPair, nodeRange } from '../compose/shared/lookup';
import { builtStage, lastInstruction } from './shared/stages';
import { healthcheckTest } from '../compose/shared/healthcheck-test';

/** Compose providers that build through the engine's Docker API, which podman serves in the Docker format. */
const API_PROVIDERS = new Set<HostFacts['composeProvider']>(['docker-compose', 'docker compose']);

/** HEALTHCHECK options by their compose names. */
const COMPOSE_KEYS: Record<string, string> = { interval: 'interval', timeout: 'timeout', 'start-period': 'start_period', 'start-interval': 'start_interval', retries: 'retries' };

interface Dropping {
  healthcheck: Instruction;
  scriptBuilds: ScriptBuild[];
  services: ServiceModel[];
}

/** The HEALTHCHECK the stage's image ends up with, unless it is `HEALTHCHECK NONE`. */
function healthcheckOf(file: ParsedDockerfile, stage: Stage): Instruction | undefined {
  const last = lastInstruction(file, stage, 'HEALTHCHECK');
  return last && last.getArguments()[0]?.getValue().toUpperCase() !== 'NONE' ? last : undefined;
}

/** `BUILDAH_FORMAT=docker` for the command: assigned in the script, on the command, or through `env` (among `words`). */
function buildahFormatDocker(file: ParsedScript, command: SimpleCommand, words: readonly Word[] = []): boolean {
  return file.vars.get('BUILDAH_FORMAT') === 'docker' || [...command.assignments, ...words].some((w) => w.value === 'BUILDAH_FORMAT=docker');
}

/** A podman-compose command that builds in the Docker format: BUILDAH_FORMAT, or `--podman-build-args='--format docker'`. */
function formatGiven(file: ParsedScript, command: SimpleCommand): boolean {
  return buildahFormatDocker(file, command) || command.words.some((w) => /--podman-build-args/.test(w.value) && /--format[= ]docker/.test(w.value));
}

/** A podman build without the Docker format; a format given by a variable counts as chosen. */
function dropsHealthcheck(build: ScriptBuild, host: HostFacts): boolean {
  const engine = build.cmd.engine ?? host.engine;
  if (engine !== 'podman' || buildahFormatDocker(build.file, build.cmd.command, build.cmd.prefix)) return false;
  const format = optionValues(build.cmd, '--format').pop()?.value;
  return !format || resolveValue(format.value, build.file.vars) === 'oci';
}

/**
 * Whether compose builds the service with podman's own CLI in the OCI format: podman-compose
 * (named by the host facts, or run by a script without the format), or an unknown provider on a
 * podman host. A service with a healthcheck of its own does not need the image's.
 */
function composeDropsHealthcheck(project: Project, host: HostFacts, service: ServiceModel): boolean {
  const own = mergedPair(service.file, service.service.map, 'healthcheck')?.value;
  if (own && (getIn(own, 'test') || scalarString(getIn(own, 'disable')) === 'true')) return false;
  const runs = project.scripts.flatMap((file) => file.script.commands.filter((c) => basenameUri(c.words[0]?.value ?? '') === 'podman-compose').map((command) => ({ file, command })));
  // The scripts that run podman-compose are how the project builds: when each gives the format, nothing is dropped.
  if (runs.length && runs.every(({ file, command }) => formatGiven(file, command))) return false;
  if (host.composeProvider === 'podman-compose' || runs.length) return true;
  return host.engine === 'podman' && !API_PROVIDERS.has(host.composeProvider);
}

function findings({ file, project, host }: RuleContext<'dockerfile'>): Dropping[] {
  const key = uriKey(file.source.uri);
  const byHealthcheck = new Map<Instruction, Dropping>();
  const add = (target: string | undefined, entry: (d: Dropping) => void) => {
    const stage = builtStage(file, target);
    const healthcheck = stage && healthcheckOf(file, stage);
    if (!healthcheck) return;
    if (!byHealthcheck.has(healthcheck)) byHealthcheck.set(healthcheck, { healthcheck, scriptBuilds: [], services: [] });
    entry(byHealthcheck.get(healthcheck)!);
  };
  for (const build of project.builds) {
    if (build.dockerfileUri !== key || !dropsHealthcheck(build, host)) continue;
    const target = optionValues(build.cmd, '--target').pop()?.value;
    add(target && resolveValue(target.value, build.file.vars), (d) => d.scriptBuilds.push(build));
  }
  for (const service of project.servicesBuilding(key)) {
    if (!composeDropsHealthcheck(project, host, service)) continue;
    add(scalarString(mergedGet(service.file, service.service.map, 'build', 'target')), (d) => d.services.push(service));
  }
  return [...byHealthcheck.values()];
}

/** `--format oci` becomes `--format docker`; without a format, `--format docker ` goes in front of the build's first option or argument. */
function formatEdit(build: ScriptBuild): TextEdit | undefined {
  const format = optionValues(build.cmd, '--format').pop();
  if (format) return replaceOptionValue(build.file, format, 'docker');
  const starts = [...build.cmd.options.map((o) => o.flag.start), ...build.cmd.positionals.map((w) => w.start)];
  if (!starts.length) return undefined;
  const at = build.file.source.positionAt(Math.min(...starts));
  return { uri: build.file.source.uri, range: { start: at, end: at }, newText: '--format docker ' };
}

function related(d: Dropping): RelatedLocation[] {
  return [
    ...d.scriptBuilds.map((b) => ({
      uri: b.file.source.uri,
      range: b.file.source.rangeOf(b.cmd.command.start, b.cmd.command.end),
      message: 'podman builds the image here without `--format docker`',
    })),
    ...d.services.map((s) => ({
      uri: s.file.source.uri,
      range: nodeRange(s.file, pairOf(s.service.map, 'build')?.key ?? s.service.keyNode),
      message: `compose builds service ${s.service.name} with podman here`,
    })),
  ];
}

/** The image's HEALTHCHECK as a compose `healthcheck:` (its test and timing), when its command can be read. */
function composeHealthcheck(file: ParsedDockerfile, instruction: Instruction, host: HostFacts): { test: string[] } & Record<string, YamlValue> | undefined {
  if (!(instruction instanceof Healthcheck)) return undefined;
  const subcommand = instruction.getSubcommand();
  if (!subcommand || subcommand.getValue().toUpperCase() !== 'CMD') return undefined;
  const source = file.source;
  const continuation = new RegExp(`${file.ast.getEscapeCharacter().replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}[ \\t]*\\r?\\n`, 'g');
  const command = source.text.slice(source.offsetAt(subcommand.getRange().end), source.offsetAt(instruction.getRange().end)).replace(continuation, '').trim();
  let test: string[];
  if (command.startsWith('[')) {
    try {
      const argv: unknown = JSON.parse(command);
      if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) return undefined;
      test = healthcheckTest(argv, host);
    } catch {
      return undefined;
    }
  } else {
    test = ['CMD-SHELL', command];
  }
  const entries: { test: string[] } & Record<string, YamlValue> = { test };
  for (const flag of instruction.getFlags()) {
    const key = COMPOSE_KEYS[flag.getName().toLowerCase()];
    const value = flag.getValue();
    if (key && value) entries[key] = key === 'retries' ? Number(value) : value;
  }
  return entries;
}

export default defineRule({
  meta: {
    id: 'dockerfile/healthcheck-dropped-by-podman',
    language: 'dockerfile',
    severity: 'warning',
    description: 'An image with a HEALTHCHECK that podman builds is built with `--format docker` (podman drops HEALTHCHECK from OCI images).',
    messages: {
      dropped: 'podman builds this image ({{by}}) in its default OCI format, which has no HEALTHCHECK: the build ignores it and the container has no health check. Build with `--format docker` (or BUILDAH_FORMAT=docker).',
    },
  },
  check(ctx) {
    for (const d of findings(ctx)) {
      const by = [...new Set([...d.scriptBuilds.map((b) => b.file), ...d.services.map((s) => s.file)].map((f) => basenameUri(f.source.uri)))].join(', ');
      ctx.report({ range: d.healthcheck.getRange(), messageId: 'dropped', data: { by }, related: related(d) });
    }
  },
  fix(ctx) {
    const line = ctx.finding.range.start.line;
    const d = findings(ctx).find((x) => x.healthcheck.getRange().start.line === line);
    if (!d) return [];
    const healthcheck = d.services.length ? composeHealthcheck(ctx.file, d.healthcheck, ctx.host) : undefined;
    const serviceEdits = !healthcheck
      ? []
      : d.services.map((s) =>
          mergedPair(s.file, s.service.map, 'healthcheck')
            ? insertEntries(s.file, s.service.map, ['healthcheck'], { test: healthcheck.test })
            : insertEntries(s.file, s.service.map, [], { healthcheck }),
        );
    const defined = (e: TextEdit | undefined): e is TextEdit => !!e;
    const buildEdits = d.scriptBuilds.map(formatEdit).filter(defined);
    const steps = [buildEdits.length && 'build with `--format docker`', serviceEdits.some(defined) && "give the compose services the image's healthcheck"].filter((t): t is string => !!t);
    if (!steps.length) return [];
    const title = steps.join('; ');
    return [{ title: title[0].toUpperCase() + title.slice(1), preferred: true, edits: [...buildEdits, ...serviceEdits.filter(defined)] }];
  },
});
