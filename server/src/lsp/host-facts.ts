// Host facts come from the client, which can run programs (podman, podman-compose, getent) and
// detects them once; the server only asks. `tobs/hostFactsChanged` says the answer may differ
// now (the folder was trusted, the engine setting changed). A client that does not know the
// request (another editor) leaves the facts empty, and the rules that need them stay quiet.

import { NotificationType0, RequestType0, type Connection } from 'vscode-languageserver/node';
import type { HostFacts } from '../engine/index';
import { readHostFacts } from '../host/host-facts';

export const HOST_FACTS_REQUEST = new RequestType0<unknown, void>('tobs/hostFacts');
export const HOST_FACTS_CHANGED_NOTIFICATION = new NotificationType0('tobs/hostFactsChanged');

/** Keeps the latest answer: an answer to an older question that arrives late is dropped. */
export class HostFactsSource {
  current: HostFacts = {};
  private asked = 0;

  constructor(
    private readonly connection: Connection,
    private readonly onChange: (facts: HostFacts) => void,
  ) {}

  async refresh(): Promise<void> {
    const question = ++this.asked;
    let facts: HostFacts;
    try {
      facts = readHostFacts(await this.connection.sendRequest(HOST_FACTS_REQUEST));
    } catch {
      facts = {};
    }
    if (question !== this.asked || JSON.stringify(facts) === JSON.stringify(this.current)) return;
    this.current = facts;
    this.onChange(facts);
  }
}
