// The consent page of `/oauth/authorize`: lists the requested scopes and lets the user install
// the app into an existing portal or a new one (the default), then approve or deny.
import type { App } from '../state/apps.ts';
import type { Portal } from '../state/portal.ts';

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string;
  optionalScope: string;
  state: string | undefined;
  portalId: number | undefined;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function hidden(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<input type="hidden" name="${name}" value="${escape(value)}">`;
}

export function consentPage(
  app: App,
  request: AuthorizeRequest,
  scopes: string[],
  portals: Portal[],
): string {
  const options = [
    `<option value="new"${request.portalId === undefined ? ' selected' : ''}>Create a new test portal</option>`,
    ...portals.map(
      (p) =>
        `<option value="${p.id}"${p.id === request.portalId ? ' selected' : ''}>${escape(p.name)} (${p.id})</option>`,
    ),
  ].join('');
  const scopeItems = scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect ${escape(app.name)} to HubSpot</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;color:#33475b}
button{padding:.6rem 1.2rem;margin-right:.5rem;border-radius:4px;border:1px solid #ff7a59;cursor:pointer}
.approve{background:#ff7a59;color:#fff}.deny{background:#fff;color:#ff7a59}select{padding:.4rem;margin:.5rem 0 1rem}</style>
</head><body>
<h1>Connect ${escape(app.name)}</h1>
<p>${escape(app.name)} (app ${app.appId}) is requesting access to your HubSpot account.</p>
<form method="post" action="/oauth/authorize">
${hidden('client_id', request.clientId)}${hidden('redirect_uri', request.redirectUri)}${hidden('scope', request.scope)}${hidden('optional_scope', request.optionalScope)}${hidden('state', request.state)}
<label for="portal">Choose an account</label><br>
<select id="portal" name="portal">${options}</select>
<p>It will be able to:</p><ul>${scopeItems}</ul>
<button class="approve" type="submit" name="decision" value="approve">Connect app</button>
<button class="deny" type="submit" name="decision" value="deny">Cancel</button>
</form></body></html>`;
}

export function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Authorization error</title></head>
<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto"><h1>Something went wrong</h1>
<p>${escape(message)}</p></body></html>`;
}
