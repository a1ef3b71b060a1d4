// Without a healthcheck Compose reports a hung container as "running": `depends_on` waits for
// nothing and nobody notices. A service built here needs one, in the compose file or in its image.

import { isSeq } from 'yaml';
import type { ParsedDockerfile, Stage } from '../../parse/dockerfile';
import { scalarString, type ParsedCompose } from '../../parse/compose';
import { insertEntries } from '../../edit/yaml';
import { defineRule, type RuleContext } from '../../rule';
import type { ServiceModel } from '../../project';
import { checkRunsIn } from '../dockerfile/healthcheck';
import { runsAService, type CommandOverride } from '../dockerfile/shared/service-command';
import { builtStage, lastInstruction } from '../dockerfile/shared/stages';
import { mergedGet, mergedPair, nodeRange, serviceLayers } from './shared/lookup';
import { healthcheckTest } from './shared/healthcheck-test';

/** Whether the image has a HEALTHCHECK of its own (or `HEALTHCHECK NONE`, a decision too), inherited stages included. */
function imageDefinesHealthcheck(dockerfile: ParsedDockerfile, stage: Stage): boolean {
  return !!lastInstruction(dockerfile, stage, 'HEALTHCHECK');
}

/** A compose `command:` or `entrypoint:`: a list, or a string the way compose splits it. */
function commandWords(file: ParsedCompose, map: unknown, key: string): string[] | undefined {
  const node = mergedGet(file, map, key);
  if (isSeq(node)) return node.items.map((item) => scalarString(item) ?? '');
  const text = scalarString(node);
  return text === undefined ? undefined : text.trim().split(/\s+/).filter(Boolean);
}

/** How the service starts its image, as far as the compose file changes it. */
function startOverride(file: ParsedCompose, map: unknown): CommandOverride {
  return {
    entrypoint: commandWords(file, map, 'entrypoint'),
    command: commandWords(file, map, 'command'),
    publishesPorts: mergedGet(file, map, 'ports') !== undefined || mergedGet(file, map, 'expose') !== undefined,
  };
}

interface Unchecked {
  model: ServiceModel;
  dockerfile: ParsedDockerfile;
  stage: Stage;
}

function servicesWithoutHealthcheck({ file, project }: RuleContext<'compose'>): Unchecked[] {
  return project.servicesIn(file).flatMap((model) => {
    const dockerfile = model.file === file ? project.dockerfile(model.dockerfileUri) : undefined;
    const layers = dockerfile && serviceLayers(project, file, model.service.map);
    if (!dockerfile || !layers || layers.some((l) => mergedPair(l.file, l.map, 'healthcheck'))) return [];
    const stage = builtStage(dockerfile, scalarString(mergedGet(file, model.service.map, 'build', 'target')));
    const unchecked = stage && !imageDefinesHealthcheck(dockerfile, stage) && runsAService(dockerfile, stage, startOverride(file, model.service.map));
    return unchecked ? [{ model, dockerfile, stage }] : [];
  });
}

export default defineRule({
  meta: {
    id: 'compose/healthcheck',
    language: 'compose',
    severity: 'warning',
    description: 'A service built from a Dockerfile has a healthcheck, in the compose file or in the image.',
    messages: {
      missing: 'Service {{service}} has no healthcheck and its Dockerfile defines no HEALTHCHECK, so a hung container still counts as running.',
    },
  },
  check(ctx) {
    if (ctx.file.errors.length) return;
    for (const { model, dockerfile, stage } of servicesWithoutHealthcheck(ctx)) {
      ctx.report({
        range: nodeRange(ctx.file, model.service.keyNode),
        messageId: 'missing',
        data: { service: model.service.name },
        related: [{ uri: dockerfile.source.uri, range: stage.from.getRange(), message: 'the stage this service builds, without a HEALTHCHECK' }],
      });
    }
  },
  fix(ctx) {
    const { file, options } = ctx;
    const offset = file.source.offsetAt(ctx.finding.range.start);
    const unchecked = servicesWithoutHealthcheck(ctx).find((u) => u.model.service.keyNode.range![0] === offset);
    if (!unchecked || !checkRunsIn(unchecked.dockerfile, unchecked.stage, options.healthcheck)) return [];
    const model = unchecked.model;
    const h = options.healthcheck;
    const healthcheck = { test: healthcheckTest(h.command, ctx.host), interval: h.interval, timeout: h.timeout, start_period: h.startPeriod, retries: h.retries };
    const edit = insertEntries(file, model.service.map, [], { healthcheck });
    return edit ? [{ title: `Add a healthcheck to ${model.service.name}`, preferred: true, edits: [edit] }] : [];
  },
});
