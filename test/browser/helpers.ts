// Shared pieces of the browser tests: Debian's Chromium driven by playwright-core (never a
// downloaded browser), and a collector of what the page reports on its console.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser suites run here. Without Chromium they are skipped with one line, except
 * in CI (`CI` set), where they run and fail on the missing browser: CI installs the package.
 */
export function browserTestsEnabled(suite: string): boolean {
  if (existsSync(CHROMIUM_PATH) || process.env.CI) return true;
  console.warn(`${suite} skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium); CI runs it.`);
  return false;
}

/** Launches headless Chromium; playwright gives each launch a fresh, temporary profile. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: install the Debian package "chromium".`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

export interface ConsoleProblems {
  /** Console errors and warnings, uncaught exceptions and failed requests, as text. */
  readonly messages: string[];
}

/**
 * Records everything on the page's console that a clean page should never say. Chromium logs
 * every 4xx answer as a console error; an API refusal (a 400 listing problems, a 409) is part
 * of normal use and shown on the page, so those are left out. Any other failed load is kept.
 */
export function collectConsoleErrors(page: Page): ConsoleProblems {
  const messages: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error' && msg.type() !== 'warning') return;
    if (isApiRefusal(msg.text(), msg.location().url)) return;
    messages.push(`console.${msg.type()}: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => messages.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // Requests the page cancels itself (a newer poll, a closed tab) are not failures.
    if (failure !== 'net::ERR_ABORTED') messages.push(`request failed: ${request.url()} ${failure}`);
  });
  return { messages };
}

function isApiRefusal(text: string, url: string): boolean {
  return (
    /^Failed to load resource: the server responded with a status of 4\d\d/.test(text) &&
    new URL(url, 'http://localhost').pathname.startsWith('/api/')
  );
}
