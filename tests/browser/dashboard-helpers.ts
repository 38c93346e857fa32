import type { Browser, Page } from 'playwright-core';
import type { User } from '../../server/db/users-repo';
import type { TestServer } from '../support/server/test-server';

// Shared by the dashboard's browser suites: a page signed in through the real one-time link.

export interface PageOptions {
  width?: number;
  dark?: boolean;
  /** Lets axe be injected; the flows keep the server's Content-Security-Policy in force. */
  bypassCSP?: boolean;
}

/** A new browser context signed in as `user` by the one-time link, on the dashboard page `hash`. */
export async function openAs(
  browser: Browser,
  server: TestServer,
  user: User,
  hash = '#/settings',
  { width = 1280, dark = false, bypassCSP = false }: PageOptions = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme: dark ? 'dark' : 'light',
    baseURL: server.url,
    bypassCSP,
  });
  const page = await context.newPage();
  const link = await server.deps.links.createLink(server.url, user.id);
  await page.goto(link);
  await page.waitForURL(`${server.url}/`);
  await page.goto(`/${hash}`);
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  return page;
}
