// Who the page acts for: the org comes from `?org=`, the bearer token from `?token=` or `#token=`
// on first load. The token then lives in sessionStorage (this tab only) and leaves the address
// bar, so it is not bookmarked, shared by copy-paste or sent on as a referrer.
const TOKEN_KEY = 'thena-hubspot.token';

let memoryToken: string | null = null;

export interface Session {
  org: string | null;
  token: string | null;
}

/** Reads the org and token, stores a token found in the address and removes it from there. */
export function startSession(): Session {
  const url = new URL(window.location.href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const fromUrl = url.searchParams.get('token') ?? hash.get('token');
  if (fromUrl !== null) {
    storeToken(fromUrl);
    url.searchParams.delete('token');
    hash.delete('token');
    url.hash = hash.size > 0 ? hash.toString() : '';
    window.history.replaceState(window.history.state, '', url.toString());
  }
  return { org: currentOrg(), token: getToken() };
}

export function currentOrg(): string | null {
  const org = new URLSearchParams(window.location.search).get('org');
  return org === null || org.trim() === '' ? null : org;
}

/** Opens another org (or the org list, with null) as a new history entry. */
export function navigateToOrg(org: string | null): void {
  const url = new URL(window.location.href);
  if (org === null) url.searchParams.delete('org');
  else url.searchParams.set('org', org);
  window.history.pushState(null, '', url.toString());
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function getToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

function storeToken(token: string): void {
  memoryToken = token;
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage can be disabled; the token then lasts as long as the page.
  }
}

export function forgetToken(): void {
  memoryToken = null;
  try {
    window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was stored.
  }
}
