import type { Principal } from '../../principal.js';

/**
 * Where the connector reads the bytes of the caller's uploads (the server keeps them until the
 * message that carries them is sent) and hands each to `send`, which uploads it to Zendesk and
 * returns its token. Not wired yet: without one, the Zendesk portal switches attachments off.
 */
export interface UploadSource {
  send(owner: Principal, ids: string[], send: (name: string, type: string, data: Uint8Array) => Promise<string>): Promise<string[]>;
}
