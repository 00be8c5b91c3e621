import { describe, expect, it } from 'vitest';
import { isAppError, toAppError } from './api';

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
