import type { App } from '../app/build-app';
import type { AppDeps } from '../app/app-deps';
import { blacklistRoutes } from './blacklist-routes';
import { healthRoutes } from './health-routes';
import type { TypedApp } from './route-context';
import { sessionRoutes } from './session-routes';
import { settingsRoutes } from './settings-routes';
import { guideRoutes } from './guide-routes';
import { subscriptionRoutes } from './subscription-routes';
import { sidebarRoutes } from './sidebar-routes';
import { composeRoutes } from './compose-routes';
import { composeViewRoutes } from './compose-view-routes';
import { meetingRoutes } from './meeting-routes';
import { googleMeetingRoutes } from './google-meeting-routes';
import { adminRoutes } from './admin-routes';
import { activityRoutes } from './activity-routes';
import { crmRoutes } from './crm-routes';
import { recordPageRoutes } from './record-page-routes';
import { mailboxRoutes } from './mailbox-routes';
import { webRoutes } from '../web/web-routes';
import { gmailAddonRoutes } from '../gmail/gmail-addon-routes';
import { PROVIDERS } from '../providers/registry';

/** Every route file, in one place, then each provider's own: the route-table security test walks what these register. */
export async function registerRoutes(app: App, deps: AppDeps): Promise<void> {
  const ctx = { app: app as unknown as TypedApp, deps };
  for (const routes of [
    healthRoutes,
    sessionRoutes,
    settingsRoutes,
    guideRoutes,
    blacklistRoutes,
    subscriptionRoutes,
    sidebarRoutes,
    composeRoutes,
    composeViewRoutes,
    meetingRoutes,
    googleMeetingRoutes,
    adminRoutes,
    activityRoutes,
    crmRoutes,
    recordPageRoutes,
    mailboxRoutes,
    webRoutes,
    gmailAddonRoutes,
  ])
    routes(ctx);
  for (const provider of PROVIDERS) provider.routes?.(ctx);
}
