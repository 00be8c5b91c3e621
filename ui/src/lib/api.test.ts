import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Channel } from '@tauri-apps/api/core';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api, isAppError, toAppError } from './api';

// What the Rust side is asked: the command and its arguments.
const invoke = vi.fn();
beforeEach(() => mockIPC((command, args) => invoke(command, args)));
afterEach(() => {
  clearMocks();
  invoke.mockReset();
});

describe('toAppError', () => {
  it('passes an AppError through unchanged', () => {
    const error = { code: 'required', message: 'name is required', field: 'name', params: {} } as const;
    expect(isAppError(error)).toBe(true);
    expect(toAppError(error)).toBe(error);
  });

  it('reports anything else the IPC layer rejects with as an internal error', () => {
    expect(toAppError('set_language not allowed by ACL')).toEqual({
      code: 'internal',
      message: 'set_language not allowed by ACL',
      params: { detail: 'set_language not allowed by ACL' },
    });
    expect(toAppError(new Error('boom')).params).toEqual({ detail: 'boom' });
    expect(isAppError({ code: 'required' })).toBe(false);
    expect(isAppError(null)).toBe(false);
  });
});

describe('the generated commands', () => {
  it('invoke the command by its Rust name with camelCase arguments', async () => {
    invoke.mockResolvedValue({ customers: [], matching: 0 });
    await expect(api.searchCustomers('张', 'pinyin', 0, 100)).resolves.toEqual({ customers: [], matching: 0 });
    expect(invoke).toHaveBeenLastCalledWith('search_customers', { query: '张', order: 'pinyin', offset: 0, limit: 100 });
    invoke.mockResolvedValue(null);
    await api.mergeCustomers('a', 'b', ['phones']);
    expect(invoke).toHaveBeenLastCalledWith('merge_customers', { survivor: 'a', loser: 'b', takeFromLoser: ['phones'] });
    await api.listTrash();
    expect(invoke.mock.lastCall?.[0]).toBe('list_trash');
    await api.pickFile('backup');
    expect(invoke).toHaveBeenLastCalledWith('pick_file', { kind: 'backup' });
  });

  it('complete a prompt today unless told the day', async () => {
    invoke.mockResolvedValue({ customer_id: 'c', key: 'k' });
    await api.completePrompt('c', 'k', 'reached');
    expect(invoke).toHaveBeenLastCalledWith('complete_prompt', { customerId: 'c', key: 'k', outcome: 'reached', date: '' });
  });

  it('hand progress reports to the callback through a Channel', async () => {
    invoke.mockResolvedValue({ erased: 1, backups: 0 });
    const seen: unknown[] = [];
    await api.eraseCustomers(['x'], (progress) => seen.push(progress));
    const [command, args] = invoke.mock.lastCall as [string, { ids: string[]; onProgress: InstanceType<typeof Channel> }];
    expect(command).toBe('erase_customers');
    expect(args.ids).toEqual(['x']);
    expect(args.onProgress).toBeInstanceOf(Channel);
    args.onProgress.onmessage({ done: 1, backups: 2 });
    expect(seen).toEqual([{ done: 1, backups: 2 }]);
  });

  it('reject with an AppError whatever the IPC layer rejects with', async () => {
    invoke.mockRejectedValue('get_rules not allowed by ACL');
    await expect(api.getRules()).rejects.toEqual({
      code: 'internal',
      message: 'get_rules not allowed by ACL',
      params: { detail: 'get_rules not allowed by ACL' },
    });
    const refused = { code: 'not_found', message: 'no customer x', params: { id: 'x' } };
    invoke.mockRejectedValue(refused);
    const caught = await api.getCustomer('x').catch((error: unknown) => error);
    expect(caught).toEqual(refused);
  });
});
