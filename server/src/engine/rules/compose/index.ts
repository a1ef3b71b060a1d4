import type { Rule } from '../../rule';
import buildArgs from './build-args';
import emptyProxyVars from './empty-proxy-vars';
import gpuDeviceWithoutGroup from './gpu-device-without-group';
import groupAddName from './group-add-name';
import hardcodedGid from './hardcoded-gid';
import healthcheck from './healthcheck';
import obsoleteVersion from './obsolete-version';
import podmanComposeGroupAdd from './podman-compose-group-add';
import resourceLimits from './resource-limits';
import yamlSyntax from './yaml-syntax';

export const composeRules: Rule<'compose'>[] = [obsoleteVersion, buildArgs, emptyProxyVars, hardcodedGid, resourceLimits, healthcheck, yamlSyntax, groupAddName, gpuDeviceWithoutGroup, podmanComposeGroupAdd];
