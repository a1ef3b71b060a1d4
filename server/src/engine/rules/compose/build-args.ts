// A base image chosen by a build argument (`FROM python:${PYTHON_VERSION}-slim`) is only a
// choice if Compose can pass it: `build.args` names it, defaulting to the Dockerfile's value.
// A Python version written into FROM is the same problem one step earlier; the fix moves it
// into an ARG (the Dockerfile rule's edits) and passes it, in one action.

import { Arg, type From } from 'dockerfile-ast';
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { pairOf, type ParsedCompose } from '../../parse/compose';
import type { ParsedDockerfile } from '../../parse/dockerfile';
import type { Project, ServiceModel } from '../../project';
import { appendItem, expandBuildShorthand, insertEntries } from '../../edit/yaml';
import { defineRule } from '../../rule';
import type { TextEdit } from '../../types';
import { basenameUri } from '../../uri';
import { pythonVersionArgEdits } from '../dockerfile/python-version-arg';
import { mergedGet, nodeRange, variableNames } from './shared/lookup';

/** Set by the builder itself; passing them from Compose would be wrong. */
const PLATFORM_ARGS = new Set(['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']);

interface MissingArg {
  model: ServiceModel;
  dockerfile: ParsedDockerfile;
  name: string;
  /** The Dockerfile's default, if it has one. */
  defaultValue?: string;
  from: From;
  /** For a Python version still written into FROM: the Dockerfile edits that turn it into the ARG. */
  dockerfileEdits?: TextEdit[];
}

/** Global ARGs (before the first FROM) with their defaults; the last declaration wins. */
function globalArgs(dockerfile: ParsedDockerfile): Map<string, string | undefined> {
  const args = new Map<string, string | undefined>();
  for (const instruction of dockerfile.preamble) {
    if (!(instruction instanceof Arg)) continue;
    for (const p of instruction.getProperties()) args.set(p.getName(), p.getUnescapedValue() ?? undefined);
  }
  return args;
}

function missingArgs(project: Project, file: ParsedCompose, model: ServiceModel): MissingArg[] {
  const dockerfile = model.file === file ? project.dockerfile(model.dockerfileUri) : undefined;
  if (!dockerfile) return [];
  const build = mergedGet(file, model.service.map, 'build');
  const passed = isMap(build) ? variableNames(file, mergedGet(file, build, 'args')) : new Set<string>();
  const globals = globalArgs(dockerfile);
  const missing: MissingArg[] = [];
  const isMissing = (name: string) => !passed.has(name) && !missing.some((m) => m.name === name);
  for (const { from } of dockerfile.stages) {
    for (const variable of from.getVariables()) {
      const name = variable.getName();
      if (globals.has(name) && !PLATFORM_ARGS.has(name) && isMissing(name)) missing.push({ model, dockerfile, name, defaultValue: globals.get(name), from });
    }
  }
  const python = pythonVersionArgEdits(dockerfile);
  const pythonFrom = python && dockerfile.stages.map((s) => s.from).find((f) => python.edits.some((e) => contains(f, e)));
  if (python && pythonFrom && isMissing(python.name)) {
    missing.push({ model, dockerfile, name: python.name, defaultValue: python.version, from: pythonFrom, dockerfileEdits: python.edits });
  }
  return missing;
}

function contains(from: From, edit: TextEdit): boolean {
  const { start, end } = from.getRange();
  const at = edit.range.start;
  return at.line >= start.line && at.line <= end.line;
}

function missingInFile(project: Project, file: ParsedCompose): MissingArg[] {
  return project.servicesIn(file).flatMap((model) => missingArgs(project, file, model));
}

/** The compose edits that add `name: value` to the service's build args, in whichever form they are written. */
function passArgEdits(file: ParsedCompose, service: YAMLMap, name: string, value: string): TextEdit[] | undefined {
  const build = pairOf(service, 'build')?.value;
  if (isScalar(build)) return expandBuildShorthand(file, service, { args: { [name]: value } });
  if (!isMap(build)) return undefined;
  const args = pairOf(build, 'args')?.value;
  if (isSeq(args)) return [appendItem(file, args, `${name}=${value}`)];
  const edit = insertEntries(file, build, ['args'], { [name]: value });
  return edit && [edit];
}

export default defineRule({
  meta: {
    id: 'compose/build-args',
    language: 'compose',
    severity: 'info',
    description: 'Build arguments that choose the base image are passed from `build.args`.',
    messages: {
      notPassed: 'Service {{service}} builds {{dockerfile}}, whose FROM uses ARG {{name}}, but `build.args` does not pass it, so the base image can only be changed by editing the Dockerfile.',
      literalPython: 'Service {{service}} builds {{dockerfile}} from Python {{version}} written into FROM; with ARG {{name}} passed from `build.args` the version could be chosen here.',
    },
  },
  check(ctx) {
    const { file, project } = ctx;
    if (file.errors.length) return;
    for (const m of missingInFile(project, file)) {
      const buildKey = pairOf(m.model.service.map, 'build')?.key ?? m.model.service.keyNode;
      const dockerfileUri = m.dockerfile.source.uri;
      ctx.report({
        range: nodeRange(file, buildKey),
        messageId: m.dockerfileEdits ? 'literalPython' : 'notPassed',
        data: { service: m.model.service.name, dockerfile: basenameUri(dockerfileUri), name: m.name, version: m.defaultValue ?? '' },
        fixData: { service: m.model.service.name, arg: m.name },
        related: [{ uri: dockerfileUri, range: m.from.getRange(), message: `the FROM that uses ${m.name}` }],
      });
    }
  },
  fix(ctx) {
    const { file, project, finding } = ctx;
    const m = missingInFile(project, file).find((x) => x.model.service.name === finding.data.service && x.name === finding.data.arg);
    if (!m) return [];
    const value = m.defaultValue === undefined ? `\${${m.name}}` : `\${${m.name}:-${m.defaultValue}}`;
    const composeEdits = passArgEdits(file, m.model.service.map, m.name, value);
    if (!composeEdits) return [];
    const title = m.dockerfileEdits
      ? `Move Python ${m.defaultValue} into ARG ${m.name} and pass it from build.args`
      : `Pass ${m.name} from build.args (${value})`;
    return [{ title, preferred: true, edits: [...(m.dockerfileEdits ?? []), ...composeEdits] }];
  },
});
