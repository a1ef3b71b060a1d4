import type { Rule } from '../../rule';
import pythonVersionArg from './python-version-arg';

export const dockerfileRules: Rule<'dockerfile'>[] = [pythonVersionArg];
