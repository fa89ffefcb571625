// Receives the CRM layer's change notices and hands each installed app its events.
import type { ChangeContext, ChangeNotice, ChangeSink } from '../crm/changes.ts';
import type { AppRegistry } from '../state/apps.ts';
import type { Portal } from '../state/portal.ts';
import type { WebhookDispatcher } from './dispatcher.ts';
import { eventsFor } from './events.ts';

export class WebhookFanout implements ChangeSink {
  private nextEventId = 1;

  constructor(
    private readonly portals: ReadonlyMap<number, Portal>,
    private readonly apps: AppRegistry,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  publish(context: ChangeContext, notices: readonly ChangeNotice[]): void {
    if (notices.length === 0) return;
    const portal = this.portals.get(context.portalId);
    if (!portal) return;
    for (const appId of portal.installedApps) {
      const app = this.apps.get(appId);
      if (!app?.settings) continue;
      const events = eventsFor(app, context, notices, () => this.nextEventId++);
      this.dispatcher.enqueue(appId, portal.id, events);
    }
  }
}
