// Shared steps of the API services: find an org's installation, insist that HubSpot is
// connected, reach HubSpot and turn its failures into answers an API client can act on.
import type { Connections, EngineDeps } from '../engine/context.ts';
import { AppError, isAppError, RECONNECT_REQUIRED } from '../errors.ts';
import type { Installation } from '../model.ts';

export async function requireInstallation(engine: EngineDeps, orgId: string): Promise<Installation> {
  const installation = await engine.store.installations.getByOrg(orgId);
  if (installation === undefined) {
    throw new AppError('org_not_found', `organization ${orgId} has not installed the app`, {
      httpStatus: 404,
    });
  }
  return installation;
}

export function assertConnected(installation: Installation): void {
  if (installation.status === 'connected') return;
  const { orgId, status } = installation;
  const message = `HubSpot is not connected for organization ${orgId} (status: ${status}); connect it first`;
  throw new AppError('not_connected', message, { httpStatus: 409, details: { status } });
}

export async function requireConnected(engine: EngineDeps, orgId: string): Promise<Installation> {
  const installation = await requireInstallation(engine, orgId);
  assertConnected(installation);
  return installation;
}

/** The installation's clients; a missing Thena token or HubSpot app is a state, not a bug. */
export async function connectionsOf(engine: EngineDeps, installation: Installation): Promise<Connections> {
  try {
    return await engine.connect(installation);
  } catch (err) {
    if (!isAppError(err) || err.httpStatus !== undefined) throw err;
    const status = err.code === 'hubspot_not_configured' ? 503 : 409;
    throw new AppError(err.code, err.message, { httpStatus: status, details: err.details, cause: err });
  }
}

/**
 * Runs a HubSpot call for an API request. Failures the admin can fix (reconnect) keep their code;
 * anything else is HubSpot being unavailable, a 502 whose detail goes to the log, not the client.
 */
export async function askHubSpot<T>(
  engine: EngineDeps,
  operation: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (isAppError(err) && err.httpStatus !== undefined) throw err;
    if (isAppError(err) && err.code === RECONNECT_REQUIRED) {
      const message = 'HubSpot refused our access: reconnect HubSpot, then try again';
      throw new AppError(RECONNECT_REQUIRED, message, { httpStatus: 409 });
    }
    const code = isAppError(err) ? err.code : 'unexpected';
    const message = err instanceof Error ? err.message : String(err);
    engine.logger.warn({ operation, code, err: message }, 'HubSpot call of an API request failed');
    const answer = `HubSpot could not answer (${operation}); try again later`;
    throw new AppError('hubspot_unavailable', answer, { httpStatus: 502, retryable: true, cause: err });
  }
}
