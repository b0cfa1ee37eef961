import { describe, expect, it } from 'vitest';
import { seal } from '../../core/storage/integrity.ts';
import { KEYS } from './persistence.ts';
import { decodeWorkspace, encodeWorkspace } from './workspace-file.ts';

describe('workspace file', () => {
  it('round-trips records with bytes anywhere, and never carries settings, keys or backups', async () => {
    const sealed = await seal(new Uint8Array([9, 8, 7]));
    const checkpoint = { id: 'c', checkpoint: ['json', new Uint8Array([1, 2])], metadata: ['json', new Uint8Array([3])] };
    const text = encodeWorkspace([
      [KEYS.clientsDb, sealed],
      [KEYS.clientsDbBackup, sealed],
      [KEYS.playbook, sealed],
      [KEYS.settings, { providers: { openai: { baseUrl: 'https://x.example/v1' } } }],
      [KEYS.secrets, { keys: { 'https://x.example': 'sk-secret' } }],
      [`${KEYS.checkpoints}c//cp`, checkpoint],
    ]);
    expect(text).not.toContain('x.example');
    expect(text).not.toContain('sk-secret');
    const { entries, ignoredSettings } = await decodeWorkspace(text);
    expect(ignoredSettings).toBe(false);
    expect([...entries.keys()].sort()).toEqual([`${KEYS.checkpoints}c//cp`, KEYS.clientsDb, KEYS.playbook]);
    expect(entries.get(KEYS.clientsDb)).toEqual(sealed);
    expect(entries.get(`${KEYS.checkpoints}c//cp`)).toEqual(checkpoint);
  });

  it('ignores settings a file carries (v2 or v1) and says so', async () => {
    const sealed = await seal(new Uint8Array([1]));
    const v2 = JSON.parse(
      encodeWorkspace([
        [KEYS.clientsDb, sealed],
        [KEYS.playbook, sealed],
      ]),
    ) as { entries: Record<string, unknown> };
    v2.entries[KEYS.settings] = { providers: { openai: { baseUrl: 'https://evil.example/v1' } } };
    const decoded = await decodeWorkspace(JSON.stringify(v2));
    expect(decoded.ignoredSettings).toBe(true);
    expect(decoded.entries.has(KEYS.settings)).toBe(false);

    const v1 = {
      format: 'crm-copilot-workspace',
      version: 1,
      exportedAt: 'now',
      entries: {
        'v1/clients.sqlite': { kind: 'bytes', base64: 'AQID' },
        'v1/playbook.snapshot': { kind: 'bytes', base64: 'BA==' },
        'v1/settings': { kind: 'json', value: { providers: { openai: { baseUrl: 'https://evil.example/v1' } } } },
      },
    };
    const old = await decodeWorkspace(JSON.stringify(v1));
    expect(old.ignoredSettings).toBe(true);
    expect([...old.entries.keys()].sort()).toEqual([KEYS.clientsDb, KEYS.playbook]);
  });

  it('refuses what is not a workspace file', async () => {
    await expect(decodeWorkspace('nope')).rejects.toMatchObject({ code: 'bad-import' });
    await expect(decodeWorkspace('{"format":"other"}')).rejects.toMatchObject({ code: 'bad-import' });
    await expect(decodeWorkspace(JSON.stringify({ format: 'crm-copilot-workspace', version: 2, exportedAt: 'x', entries: {} }))).rejects.toThrow(
      /no client database/,
    );
  });
});
