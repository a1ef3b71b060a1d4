import type { Rule } from '../../rule';

export const composeRules: Rule<'compose'>[] = [];
