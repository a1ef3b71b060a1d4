import type { Rule } from '../../rule';
import pythonVersionDrift from './python-version-drift';

/** Rules that compare one file with another; each runs over the file it reports on. */
export const crossRules: Rule[] = [pythonVersionDrift as Rule];
