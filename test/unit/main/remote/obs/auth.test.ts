/**
 * The spec (protocol.md) gives a worked challenge and salt but no resulting
 * string (its Identify example is for another password), so the reference here
 * is obs-websocket-js's own computation: its client, unmodified, is asked to
 * Identify against a Hello and the string it would send is captured.
 */
import { OBSWebSocket } from 'obs-websocket-js';
import { describe, expect, it } from 'vitest';
import { computeAuthentication, createAuthKeys, randomToken, verifyAuthentication } from '../../../../../main/remote/obs/auth';

// The spec's own example values (protocol.md, "Creating an authentication string").
const SPEC_PASSWORD = 'supersecretpassword';
const SPEC_CHALLENGE = '+IxH4CnCiqpX1rM9scsNynZzbOe4KhDeYcTNS3PDaeY=';
const SPEC_SALT = 'lM1GncleQOaCu9lT1yeUZhFYnqhsLLP1G5lAGo3ixaI=';

/** obs-websocket-js with its socket replaced by a capture of the Identify it sends. */
class CapturingClient extends OBSWebSocket {
  sent: unknown = null;

  protected override async message(op: number, d: unknown): Promise<void> {
    this.sent = { op, d };
    // Answer as a server would, so identify() completes.
    this.internalListeners.emit('op:2', { negotiatedRpcVersion: 1 });
  }

  async authenticationFor(password: string, salt: string, challenge: string): Promise<string> {
    await this.identify({ obsWebSocketVersion: '5.5.0', rpcVersion: 1, authentication: { salt, challenge } }, password);
    const sent = this.sent as { op: number; d: { authentication?: string } };
    expect(sent.op).toBe(1);
    if (sent.d.authentication === undefined) throw new Error('the client sent no authentication');
    return sent.d.authentication;
  }
}

describe('obs-websocket authentication', () => {
  it("matches obs-websocket-js's string for the spec's example", async () => {
    const reference = await new CapturingClient().authenticationFor(SPEC_PASSWORD, SPEC_SALT, SPEC_CHALLENGE);
    expect(computeAuthentication(SPEC_PASSWORD, SPEC_SALT, SPEC_CHALLENGE)).toBe(reference);
    // A known answer, so a change in either implementation shows here too.
    expect(reference).toBe('1Ct943GAT+6YQUUX47Ia/ncufilbe6+oD6lY+5kaCu4=');
  });

  it('accepts what obs-websocket-js computes for random salts, challenges and non-ASCII passwords', async () => {
    const client = new CapturingClient();
    for (const password of ['p', 'a much longer password with spaces', 'pässwörd-ñ-🎥', randomToken()]) {
      const keys = createAuthKeys(password);
      const challenge = randomToken();
      const sent = await client.authenticationFor(password, keys.salt, challenge);
      expect(verifyAuthentication(keys.secret, challenge, sent)).toBe(true);
    }
  });

  it('refuses a wrong password, another challenge, and junk', () => {
    const keys = createAuthKeys('right', SPEC_SALT);
    const good = computeAuthentication('right', SPEC_SALT, SPEC_CHALLENGE);
    expect(verifyAuthentication(keys.secret, SPEC_CHALLENGE, good)).toBe(true);
    expect(verifyAuthentication(keys.secret, SPEC_CHALLENGE, computeAuthentication('wrong', SPEC_SALT, SPEC_CHALLENGE))).toBe(false);
    expect(verifyAuthentication(keys.secret, randomToken(), good)).toBe(false);
    expect(verifyAuthentication(keys.secret, SPEC_CHALLENGE, '')).toBe(false);
    expect(verifyAuthentication(keys.secret, SPEC_CHALLENGE, good.slice(0, -1))).toBe(false);
    expect(verifyAuthentication(keys.secret, SPEC_CHALLENGE, `${good}x`)).toBe(false);
  });

  it('keeps no password: the keys hold only the salt and the derived secret', () => {
    const keys = createAuthKeys('hunter2-hunter2');
    expect(Object.keys(keys).sort()).toEqual(['salt', 'secret']);
    expect(JSON.stringify(keys)).not.toContain('hunter2');
  });
});
