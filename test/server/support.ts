// Shared pieces of the in-process language server suites.

import type { Diagnostic } from 'vscode-languageserver/node';
import type { Finding } from '../../server/src/engine/index';
import { LspTestClient, type InitializeOptions } from '../support/lsp-client';
import { TempWorkspace } from './workspace';

export const SEVERITY_NAME: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };

/** A diagnostic as one comparable line: rule, position, severity, message. */
export function describeDiagnostic(d: Diagnostic): string {
  return `${d.code}@${d.range.start.line}:${d.range.start.character} ${SEVERITY_NAME[d.severity!]} ${d.message}`;
}

export function describeFinding(f: Finding): string {
  return `${f.rule}@${f.range.start.line}:${f.range.start.character} ${f.severity} ${f.message}`;
}

export const byRule = (rule: string) => (d: Diagnostic) => d.code === rule;

/**
 * One server and one workspace per test, both torn down after it (also when it failed):
 * `const s = useSession(); … const client = await s.start(ws)`.
 */
export function useSession(): { start(ws: TempWorkspace, options?: InitializeOptions): Promise<LspTestClient> } {
  let client: LspTestClient | undefined;
  let workspace: TempWorkspace | undefined;
  afterEach(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.dispose();
      workspace?.dispose();
      client = workspace = undefined;
    }
  });
  return {
    async start(ws, options = {}) {
      workspace = ws;
      client = LspTestClient.inProcess();
      await client.initialize({ folders: [ws.uri], ...options });
      return client;
    },
  };
}
