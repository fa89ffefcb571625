// Developer apps: OAuth credentials, developer API key, webhook settings and subscriptions.
export interface WebhookSettings {
  targetUrl: string;
  maxConcurrentRequests: number;
  period?: string;
  createdAt: number;
  updatedAt: number;
}

export interface Subscription {
  id: number;
  eventType: string;
  propertyName?: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface App {
  appId: number;
  name: string;
  clientId: string;
  clientSecret: string;
  developerApiKey: string;
  settings: WebhookSettings | undefined;
  subscriptions: Map<number, Subscription>;
}

export interface AppConfig {
  appId: number;
  clientId: string;
  clientSecret: string;
  developerApiKey: string;
  name?: string;
  webhookUrl?: string;
  maxConcurrentRequests?: number;
}

export class AppRegistry {
  readonly apps = new Map<number, App>();
  private nextSubscriptionId = 1_000_001;

  add(config: AppConfig, now: number): App {
    const app: App = {
      appId: config.appId,
      name: config.name ?? `App ${config.appId}`,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      developerApiKey: config.developerApiKey,
      settings: config.webhookUrl
        ? {
            targetUrl: config.webhookUrl,
            maxConcurrentRequests: config.maxConcurrentRequests ?? 10,
            createdAt: now,
            updatedAt: now,
          }
        : undefined,
      subscriptions: new Map(),
    };
    this.apps.set(app.appId, app);
    return app;
  }

  get(appId: number): App | undefined {
    return this.apps.get(appId);
  }

  byClientId(clientId: string): App | undefined {
    for (const app of this.apps.values()) if (app.clientId === clientId) return app;
    return undefined;
  }

  allocateSubscriptionId(): number {
    return this.nextSubscriptionId++;
  }
}
