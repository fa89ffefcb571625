import { describe, expect, it } from 'vitest';
import { cursorAt, learnCursor } from './cursor.ts';

describe('list cursor', () => {
  it('learns plain ids, exclusive or inclusive', () => {
    expect(learnCursor('200', '200')).toEqual({ encoding: 'plain', newline: false, inclusive: false });
    expect(learnCursor('205', '200')).toEqual({ encoding: 'plain', newline: false, inclusive: true });
    expect(cursorAt({ encoding: 'plain', newline: false, inclusive: false }, 500)).toBe('499');
  });

  it('learns the base64 id of HubSpot’s own example and writes cursors back in it', () => {
    const format = learnCursor('NTI1Cg%3D%3D', '524');
    expect(format).toEqual({ encoding: 'base64', newline: true, inclusive: true });
    expect(cursorAt(format!, 525)).toBe('NTI1Cg==');
    const url = learnCursor(Buffer.from('1001').toString('base64url'), '1000');
    expect(url?.encoding).toMatch(/base64/);
    expect(learnCursor(cursorAt(url!, 4242), '4241')).toEqual(url);
  });

  it('gives up on anything else', () => {
    expect(learnCursor('c29tZXRoaW5n', '10')).toBeNull();
    expect(learnCursor('5', '10')).toBeNull();
    expect(learnCursor(undefined, '10')).toBeNull();
  });
});
