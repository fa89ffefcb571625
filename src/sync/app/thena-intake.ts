// What Thena posts to the app: installation lifecycle events (bot token in, uninstall out) and
// platform events about accounts and contacts. Both are authenticated with the shared secret;
// platform events are deduplicated by eventId into the inbox and processed by a job.
import type { EngineDeps } from '../engine/context.ts';
import { enqueueThenaEventsJob } from '../engine/outbound.ts';
import { AppError } from '../errors.ts';
import type { Verdict } from '../hubspot-port.ts';
import type { ObjectType } from '../model.ts';
import type { InstallationService } from './installations.ts';

export interface SignedRequest {
  rawBody: string;
  headers: Record<string, string | string[] | undefined>;
  /** A `?token=` query value, the other way Thena apps are reached with a secret. */
  token: string | undefined;
}

export type InstallationEvent =
  | {
      kind: 'installed';
      orgId: string;
      botToken: string;
      botId: string | null;
      thenaInstallationId: string | null;
    }
  | { kind: 'uninstalled'; orgId: string }
  | { kind: 'other'; orgId: string; type: string };

/** A platform event about a synced record, as the core needs it. */
export interface ThenaChange {
  eventId: string;
  objectType: ObjectType;
  action: 'created' | 'updated' | 'deleted';
  orgId: string;
  recordId: string;
  actorId: string;
  occurredAt: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Thena's wire formats (src/thena implements it). */
export interface ThenaCodec {
  verify(request: SignedRequest, now: number): Verdict;
  parseInstallation(body: unknown): Parsed<InstallationEvent>;
  /** `null` value: a well-formed event the sync does not handle. */
  parseChange(body: unknown): Parsed<ThenaChange | null>;
}

export interface ThenaEventJobPayload {
  installationId: string;
  objectType: ObjectType;
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('invalid_event', 'the body is not valid JSON', { httpStatus: 400 });
  }
}

export class ThenaIntake {
  constructor(
    private readonly engine: EngineDeps,
    private readonly codec: ThenaCodec,
    private readonly installations: InstallationService,
  ) {}

  #authenticate(request: SignedRequest): void {
    const verdict = this.codec.verify(request, this.engine.clock.now());
    if (!verdict.ok)
      throw new AppError('invalid_signature', `Thena request refused: ${verdict.reason}`, {
        httpStatus: 401,
      });
  }

  async installation(request: SignedRequest): Promise<{ orgId: string; handled: string }> {
    this.#authenticate(request);
    const parsed = this.codec.parseInstallation(parseJson(request.rawBody));
    if (!parsed.ok) throw new AppError('invalid_event', parsed.reason, { httpStatus: 400 });
    const event = parsed.value;
    if (event.kind === 'installed') {
      await this.installations.thenaInstalled(event);
      return { orgId: event.orgId, handled: 'installed' };
    }
    if (event.kind === 'uninstalled') {
      const known = await this.engine.store.installations.getByOrg(event.orgId);
      if (known !== undefined)
        await this.installations.uninstall(event.orgId, 'the app was uninstalled in Thena');
      return { orgId: event.orgId, handled: 'uninstalled' };
    }
    return { orgId: event.orgId, handled: 'ignored' };
  }

  async event(request: SignedRequest): Promise<{ accepted: boolean; reason?: string }> {
    this.#authenticate(request);
    const parsed = this.codec.parseChange(parseJson(request.rawBody));
    if (!parsed.ok) throw new AppError('invalid_event', parsed.reason, { httpStatus: 400 });
    const change = parsed.value;
    if (change === null) return { accepted: false, reason: 'not an account or contact event' };
    const installation = await this.engine.store.installations.getByOrg(change.orgId);
    if (installation === undefined || installation.status === 'uninstalled') {
      throw new AppError('unknown_org', `organization ${change.orgId} has not installed the app`, {
        httpStatus: 404,
      });
    }
    // Our own creates and updates come back as events by our bot: known without storing them
    // (one per record written, so a backfill would otherwise store one per record). Deletions
    // are kept: the job's bookkeeping of them is cheap and they are rare.
    if (
      change.action !== 'deleted' &&
      installation.thenaBotId !== null &&
      change.actorId === installation.thenaBotId
    )
      return { accepted: false, reason: 'our own change' };
    return this.engine.transact(async ({ store, jobs }) => {
      const added = await store.inbox.add([
        {
          installationId: installation.id,
          source: 'thena',
          dedupeKey: `${installation.id}:thena:${change.eventId}`,
          objectType: change.objectType,
          payload: change,
        },
      ]);
      if (added.length === 0) return { accepted: false, reason: 'duplicate event' };
      await enqueueThenaEventsJob(jobs, installation.id, change.objectType);
      return { accepted: true };
    });
  }
}
