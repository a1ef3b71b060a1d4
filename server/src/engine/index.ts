// The engine's public surface: the CLI, the language server and the tests import from here.
export * from './types';
export { Snapshot, uriKey, type SnapshotFile } from './snapshot';
export { Linter, MAX_FILE_BYTES, MAX_FILE_SIZE } from './lint';
export { applyEdits, fixAll, MAX_FIX_PASSES, type FixAllResult } from './fix';
export { CONFIG_FILE_NAME, ConfigError, NEWEST_KNOWN_UV_VERSION, defaultConfig, defaultOptions, parseConfig, parseRules } from './config';
export { classify } from './parse/index';
export { allRules, rulesById } from './rules/index';
export { docsUrl, type Rule, type RuleMeta } from './rule';
export { SourceText } from './text';
export { ignoreLineEdit, logicalLineStart } from './suppress';
