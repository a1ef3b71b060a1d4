import type { Rule } from '../../rule';
import imageNameMismatch from './image-name-mismatch';
import pythonVersionDrift from './python-version-drift';

/** Rules that compare one file with another; each runs over the file it reports on. */
export const crossRules: Rule[] = [imageNameMismatch as Rule, pythonVersionDrift as Rule];
