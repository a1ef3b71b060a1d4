// Problems the user cannot act on in the editor (a rule crashed, a file too large to lint, a
// malformed request) go to the server's output, once each, so that a repeating request or a
// keystroke loop cannot flood it.

import type { RemoteConsole } from 'vscode-languageserver/node';

const MAX_REMEMBERED = 1000;

export class OnceLog {
  private readonly seen = new Set<string>();

  constructor(private readonly console: Pick<RemoteConsole, 'info' | 'warn' | 'error'>) {}

  info(message: string): void {
    this.console.info(message);
  }

  once(message: string, level: 'info' | 'warn' | 'error' = 'warn'): void {
    if (this.seen.has(message)) return;
    if (this.seen.size >= MAX_REMEMBERED) this.seen.clear();
    this.seen.add(message);
    this.console[level](message);
  }

  /** `handler` made safe: an exception (or rejection) is logged once and `fallback` answered instead. */
  guard<P extends unknown[], R>(name: string, fallback: Awaited<R>, handler: (...args: P) => R): (...args: P) => R {
    const fail = (e: unknown) => {
      this.once(`${name} failed: ${e instanceof Error ? e.message : String(e)}`, 'error');
      return fallback;
    };
    return (...args: P) => {
      try {
        const result = handler(...args);
        return (result instanceof Promise ? result.catch(fail) : result) as R;
      } catch (e) {
        return fail(e) as R;
      }
    };
  }
}
