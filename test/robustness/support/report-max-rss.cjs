// Preloaded (node --require) into a CLI run by the hostile-workspace tests: reports the peak
// resident set size on stderr as the process exits, for the memory bounds.
process.on('exit', () => process.stderr.write(`\nMAX_RSS_KB ${process.resourceUsage().maxRSS}\n`));
