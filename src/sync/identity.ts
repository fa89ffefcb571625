// The keys records are matched on across the two systems: a contact's email and a company's
// domain, normalised so that "https://WWW.Acme.com/about" and "acme.com" are the same company.
import { isEmail } from './value-parsing.ts';

/** Trimmed and lower-cased; `null` when the text is not an email address. */
export function normalizeEmail(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  const email = input.trim().toLowerCase();
  return isEmail(email) ? email : null;
}

/**
 * The bare host name of a domain, website or URL: lower-cased, without scheme, credentials, `www.`,
 * port, path and trailing dot; internationalised names in their ASCII (punycode) form. `null` when
 * what is left is not a domain name (an IP address, a single label, stray characters).
 */
export function normalizeDomain(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  let host = input.trim().toLowerCase();
  host = host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  host = host.split(/[/?#]/, 1)[0] ?? '';
  host = host.slice(host.lastIndexOf('@') + 1);
  host = host.replace(/:\d*$/, '').replace(/\.+$/, '');
  // "www.com" is a domain of its own; only a www label in front of one is dropped.
  if (host.startsWith('www.') && host.split('.').length > 2) host = host.slice('www.'.length);
  const ascii = toAscii(host);
  return ascii !== null && isDomainName(ascii) ? ascii : null;
}

// The URL parser applies the IDNA rules (punycode, case folding) that a hand-written one would miss.
function toAscii(host: string): string | null {
  if (/^[a-z0-9.-]*$/.test(host)) return host;
  const url = `http://${host}/`;
  return URL.canParse(url) ? new URL(url).hostname : null;
}

function isDomainName(host: string): boolean {
  if (host.length === 0 || host.length > 253) return false;
  const labels = host.split('.');
  if (labels.length < 2) return false;
  const topLevel = labels[labels.length - 1] ?? '';
  // A numeric top-level label means an IP address, which is not a company's domain.
  if (/^\d+$/.test(topLevel)) return false;
  return labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
}
