import { describe, expect, it } from 'vitest';
import { normalizeDomain, normalizeEmail } from './identity.ts';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['  ACME.com  ', 'acme.com'],
    ['https://www.acme.com/about?x=1#top', 'acme.com'],
    ['http://Acme.COM:8080', 'acme.com'],
    ['www.acme.co.uk', 'acme.co.uk'],
    ['acme.com.', 'acme.com'],
    ['sub.www.acme.com', 'sub.www.acme.com'],
    ['www.com', 'www.com'],
    ['jane@acme.com', 'acme.com'],
    ['ftp://user:pw@files.acme.io/x', 'files.acme.io'],
    ['acme.com/path', 'acme.com'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
    ['https://MÜNCHEN.de/', 'xn--mnchen-3ya.de'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['my-company.io', 'my-company.io'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    'localhost',
    '192.168.0.1',
    'https://10.0.0.1/admin',
    'acme',
    '-acme.com',
    'acme-.com',
    'ac me.com',
    'acme..com',
    `${'a'.repeat(64)}.com`,
    'acme_corp.com',
    'http://',
  ])('%j is not a domain', (input) => {
    expect(normalizeDomain(input)).toBeNull();
  });

  it('makes the forms of one company domain equal', () => {
    const forms = ['acme.com', 'https://www.ACME.com/', 'www.acme.com.', 'http://acme.com:443/contact'];
    expect(new Set(forms.map(normalizeDomain))).toEqual(new Set(['acme.com']));
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
  });

  it('returns null for empty and non-email input', () => {
    for (const input of [null, undefined, '', '  ', 'jane', 'jane@example']) {
      expect(normalizeEmail(input)).toBeNull();
    }
  });
});
