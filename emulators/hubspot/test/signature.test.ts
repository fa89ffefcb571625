// Webhook signatures against the published vectors (research notes) and the SDK's own checker.
import { Signature } from '@hubspot/api-client';
import { describe, expect, it } from 'vitest';
import { signatureV1, signatureV2, signatureV3 } from '../webhooks/signature.ts';

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';
const SDK_BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const URI = 'https://www.example.com/webhook_uri';
const POST_BODY = '{"example_field":"example_value"}';

describe('webhook signatures', () => {
  it('matches the v1 vector', () => {
    expect(signatureV1(SECRET, SDK_BODY)).toBe(
      '232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de',
    );
    expect(
      Signature.isValid({
        signatureVersion: 'v1',
        signature: signatureV1(SECRET, SDK_BODY),
        clientSecret: SECRET,
        requestBody: SDK_BODY,
      }),
    ).toBe(true);
  });

  it('matches the v2 vectors', () => {
    expect(signatureV2(SECRET, 'GET', URI, '')).toBe(
      'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e',
    );
    expect(signatureV2(SECRET, 'POST', URI, POST_BODY)).toBe(
      '9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900',
    );
    expect(
      Signature.getSignature('POST', 'v2', {
        clientSecret: SECRET,
        requestBody: POST_BODY,
        url: URI,
        signature: '',
      }),
    ).toBe(signatureV2(SECRET, 'POST', URI, POST_BODY));
  });

  it('matches the v3 vector and passes the SDK check', () => {
    expect(signatureV3(SECRET, 'POST', URI, POST_BODY, 1_700_000_000_000)).toBe(
      'rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=',
    );
    const timestamp = Date.now();
    const signature = signatureV3(SECRET, 'POST', URI, POST_BODY, timestamp);
    expect(
      Signature.isValid({
        signatureVersion: 'v3',
        signature,
        clientSecret: SECRET,
        requestBody: POST_BODY,
        url: URI,
        method: 'POST',
        timestamp,
      }),
    ).toBe(true);
    expect(
      Signature.isValid({
        signatureVersion: 'v3',
        signature,
        clientSecret: 'other',
        requestBody: POST_BODY,
        url: URI,
        method: 'POST',
        timestamp,
      }),
    ).toBe(false);
  });
});
