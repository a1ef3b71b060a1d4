import type { Results } from './results';
export function writeReport(results: Results): void {
  void results;
}
