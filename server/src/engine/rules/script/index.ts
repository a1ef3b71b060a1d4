import type { Rule } from '../../rule';
import groupAddName from './group-add-name';
import imageExistsCheck from './image-exists-check';
import renderGidDetect from './render-gid-detect';
import runAsRoot from './run-as-root';
import unquotedPath from './unquoted-path';

export const scriptRules: Rule<'shell'>[] = [runAsRoot, renderGidDetect, imageExistsCheck, unquotedPath, groupAddName];
