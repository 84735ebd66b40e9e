#!/usr/bin/env node
// Rebuilds the WireMock contract fixtures (mappings/*.json and callbacks/*.json) from a test-vector file and the
// plaintext samples in samples/. Run it whenever the vector file (keys, client ID) or a sample changes:
//
//   node tests/contracts/generate-fixtures.mjs [vector-file] [--check]
//
// vector-file defaults to tests/IAmSmart.Sdk.Tests/TestVectors/iamsmart-vectors.json, the one copy of the vector file. --check writes nothing and exits 1 when a
// checked-in fixture differs from what would be generated (for CI).
//
// Output is deterministic, so a regenerated fixture only changes when its inputs change:
//   * AES-GCM IVs are the first 12 bytes of SHA-256("iamsmart-contract-fixture-iv:" + fixture name).
//     TEST-ONLY: a real iAM Smart uses a random IV per message, and an IV must never be reused with a key in production.
//   * txIDs and mapping ids are derived from the fixture name the same way.
//   * RSA is never used here: the getKey response and the callbacks' secretKey come verbatim from the vector file
//     (getKeyResponse.content, callbacks[0].body.secretKey), so no random RSA padding enters the output.
//
// Samples may contain "${vector:path.to.value}" strings; each is replaced by that value of the vector file (any JSON
// type), so fixtures can carry the vector's real signing results. The C# tests resolve them the same way.

import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const check = args.includes('--check');
const vectorPath = resolve(args.find((a) => !a.startsWith('--')) ?? join(here, '..', 'IAmSmart.Sdk.Tests', 'TestVectors', 'iamsmart-vectors.json'));

const vectors = JSON.parse(readFileSync(vectorPath, 'utf8'));
const signatureVector = vectors.requestSignatures[0];
const clientId = signatureVector.clientID;
const cek = Buffer.from(vectors.getKeyResponse.expectedCek, 'base64');
const callbackVector = vectors.callbacks[0];
const callbackCek = Buffer.from(callbackVector.expectedCek, 'base64');
if (cek.length !== 32 || callbackCek.length !== 32) {
  throw new Error('The vector file must give 32-byte content keys (getKeyResponse.expectedCek, callbacks[0].expectedCek).');
}

// ---------------------------------------------------------------------------------------------------------------
// Request matchers shared by every mapping (contract §2.1, §11.1).
// ---------------------------------------------------------------------------------------------------------------
const API = '/api/v1/';
const CASE_HEADER = 'X-Contract-Case';
const ENCRYPTED_PATHS = '^/api/(?:app)?v1/(?!security/).+$';
const CONTENT_REGEX = '^AAAAD[A-Za-z0-9+/]+={0,2}$';

const signedHeaders = () => ({
  clientID: { equalTo: clientId },
  signatureMethod: { equalTo: 'HmacSHA256' },
  timestamp: { matches: '^\\d{13}$' },
  nonce: { matches: '^[A-Za-z0-9-]{1,36}$' },
  signature: { matches: '^(?:[A-Za-z0-9]|%2B|%2F)+(?:%3D){0,2}$' },
  'Content-Type': { matches: '^application/json.*$' },
});

// getKey / revokeKey: "{}" (S4, the SDK) or an empty body (S5–S7), contract §3.
// WireMock sees an empty body as absent, so "empty" needs its own matcher.
const keyBodyPatterns = () => [{ or: [{ absent: true }, { matches: '^\\{\\s*\\}$' }] }];

// Every other call: exactly {"content":"<Base64 starting AAAAD>"} (contract §2, §11.3).
const encryptedBodyPatterns = () => [
  { matchesJsonPath: { expression: '$.content', matches: CONTENT_REGEX } },
  { matches: '^\\{"content":"AAAAD[A-Za-z0-9+/]+={0,2}"\\}$' },
];

// ---------------------------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------------------------
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();
const txIdFor = (name) => `<T=${sha256(`iamsmart-contract-fixture-txid:${name}`).toString('hex').slice(0, 32)}>`;
const uuidFor = (name) => {
  const h = sha256(`iamsmart-contract-fixture-id:${name}`).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// TEST-ONLY deterministic IV; see the header comment.
const encrypt = (key, name, plaintext) => {
  const iv = sha256(`iamsmart-contract-fixture-iv:${name}`).subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  const body = Buffer.concat([cipher.update(Buffer.from(plaintext, 'utf8')), cipher.final()]);
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(12);
  return Buffer.concat([prefix, iv, body, cipher.getAuthTag()]).toString('base64');
};

const lookup = (path) => path.split('.').reduce((node, part) => {
  if (node === undefined || node === null || !(part in Object(node))) {
    throw new Error(`The vector file has no value at '${path}'.`);
  }
  return node[part];
}, vectors);

const resolveVectorRefs = (node) => {
  if (typeof node === 'string') {
    const m = /^\$\{vector:([^}]+)\}$/.exec(node);
    return m ? lookup(m[1]) : node;
  }
  if (Array.isArray(node)) return node.map(resolveVectorRefs);
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolveVectorRefs(v)]));
  }
  return node;
};

const sample = (relative) => resolveVectorRefs(JSON.parse(readFileSync(join(here, 'samples', relative), 'utf8')));

const envelope = (name, code, message, content) => {
  const result = { txID: txIdFor(name), code, message };
  if (content !== undefined) result.content = content;
  return result;
};

const jsonResponse = (body, status = 200, extraHeaders = {}) => ({
  status,
  headers: { 'Content-Type': 'application/json', ...extraHeaders },
  jsonBody: body,
});

// ---------------------------------------------------------------------------------------------------------------
// The functions of the contract and their success answers. `path` must equal the SDK's IAmSmartFunction paths.
// ---------------------------------------------------------------------------------------------------------------
const functions = [
  { name: 'getKey', path: 'security/getKey', section: '§3', key: true },
  { name: 'revokeKey', path: 'security/revokeKey', section: '§4', key: true },
  { name: 'getToken', path: 'auth/getToken', section: '§5.4', response: 'getToken.json' },
  { name: 'stepup-initiate', path: 'account/stepup/initiateRequest', section: '§6', response: 'stepup-initiate.json' },
  { name: 'profile-initiate', path: 'account/auth/profile/initiateRequest', section: '§7.1', response: 'profile-initiate.json' },
  { name: 'profiles', path: 'profiles', section: '§7.2 [I]', response: 'profiles.json' },
  { name: 'eme-initiate', path: 'account/eme/initiateRequest', section: '§8', response: 'eme-initiate.json' },
  { name: 'anonymous-eme-initiate', path: 'anonymous/eme/initiateRequest', section: '§9.1', response: 'anonymous-eme-initiate.json' },
  { name: 'anonymous-eme-getResult', path: 'anonymous/eme/getResult', section: '§9.1', response: 'anonymous-eme-getResult.json' },
  { name: 'signing-initiate', path: 'account/signing/initiateRequest', section: '§12.1', response: 'signing-initiate.json' },
  { name: 'pdfsigning-initiate', path: 'account/pdfsigning/initiateRequest', section: '§12.2', response: 'pdfsigning-initiate.json' },
  { name: 'signing-ackResult', path: 'account/signing/ackResult', section: '§12.1' },
  { name: 'anonymous-signing-initiate', path: 'anonymous/signing/initiateRequest', section: '§12.3', response: 'anonymous-signing-initiate.json' },
  { name: 'anonymous-signing-getResult', path: 'anonymous/signing/getResult', section: '§12.3', response: 'anonymous-signing-getResult.json' },
  { name: 'anonymous-pdfsigning-initiate', path: 'anonymous/pdfsigning/initiateRequest', section: '§12.3', response: 'anonymous-pdfsigning-initiate.json' },
  { name: 'anonymous-pdfsigning-getResult', path: 'anonymous/pdfsigning/getResult', section: '§12.3', response: 'anonymous-pdfsigning-getResult.json' },
  // Bulk signing (addendum §A4) [I: the CorpID sandbox's paths on the iAM Smart domain].
  { name: 'bdss-initiate', path: 'bdss/initiateRequest', section: 'addendum §A4.2', response: 'bdss-initiate.json' },
  { name: 'bdss-anonymous-initiate', path: 'bdss/anonymous/initiateRequest', section: 'addendum §A4.7', response: 'bdss-anonymous-initiate.json' },
  { name: 'bdss-getBSQCToken', path: 'bdss/getBSQCToken', section: 'addendum §A4.8', response: 'bdss-getBSQCToken.json' },
  { name: 'bdss-enquireStatus', path: 'bdss/enquireStatus', section: 'addendum §A4.6', response: 'bdss-enquireStatus.json' },
  { name: 'bdss-cancelRequest', path: 'bdss/cancelRequest', section: 'addendum §A4.6' },
  { name: 'bdss-ackResult', path: 'bdss/ackResult', section: 'addendum §A4.5' },
  // The app variants (addendum §A5.3, §A4.3) [I: the CorpID sandbox's appv1 segment, with the web function's iAM Smart
  // path]: the same answers as the web functions; `version` is the SDK's IAmSmartFunction.ApiVersion.
  { name: 'appv1-signing-initiate', version: 'appv1', path: 'account/signing/initiateRequest', section: 'addendum §A5.3 [I]', response: 'signing-initiate.json' },
  { name: 'appv1-pdfsigning-initiate', version: 'appv1', path: 'account/pdfsigning/initiateRequest', section: 'addendum §A5.3 [I]', response: 'pdfsigning-initiate.json' },
  { name: 'appv1-bdss-initiate', version: 'appv1', path: 'bdss/initiateRequest', section: 'addendum §A4.3 [I]', response: 'bdss-initiate.json' },
];

// Success mappings sit at priority 5; error contracts (priority 1) override them only for requests that carry
// the X-Contract-Case header the test chose (see docs/testing.md, "Selecting an error contract").
const SUCCESS_PRIORITY = 5;
const CASE_PRIORITY = 1;

const mappings = [];

for (const fn of functions) {
  const name = `${fn.name}-success`;
  let body;
  if (fn.name === 'getKey') {
    const { expectedCek, ...response } = vectors.getKeyResponse;
    body = response;
  } else if (fn.response) {
    const plaintext = JSON.stringify(sample(`responses/${fn.response}`));
    body = envelope(name, 'D00000', 'SUCCESS', encrypt(cek, name, plaintext));
  } else {
    body = envelope(name, 'D00000', 'SUCCESS');
  }

  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `${fn.name}: success (contract ${fn.section})`,
      priority: SUCCESS_PRIORITY,
      request: {
        method: 'POST',
        urlPath: fn.version ? `/api/${fn.version}/${fn.path}` : `${API}${fn.path}`,
        headers: signedHeaders(),
        bodyPatterns: fn.key ? keyBodyPatterns() : encryptedBodyPatterns(),
      },
      response: jsonResponse(body),
      metadata: {
        contract: fn.section,
        function: fn.name,
        path: fn.path,
        ...(fn.version ? { apiVersion: fn.version } : {}),
        case: 'success',
        ...(fn.response ? { responseSample: `samples/responses/${fn.response}`, contentKey: 'getKeyResponse.expectedCek' } : {}),
      },
    },
  });
}

// Error contracts answered by any encrypted function (the envelope is the same for all; contract §2.2, §10.1).
const codeCases = [
  { code: 'D20006', message: 'signature verification failed' },
  { code: 'D20008', message: 'invalid e-service URL' },
  { code: 'D20009', message: 'accessToken not exist or expired' },
  { code: 'D20012', message: 'insufficient scope' },
  { code: 'D40004', message: 'authCode not exist or expired' },
  { code: 'D70004', message: 'user not allowed to sign' },
  { code: 'D70005', message: 'inconsistent HKIC number' },
  // Addendum §A2.1: codes that keep their M/S/C prefixes; the CorpID-style samples put the text in "msg".
  { code: 'M10001', message: 'The application is suspended.', messageField: 'msg' },
  { code: 'M99992', message: 'Authorization failed. Applicant is not permitted to submit the request.', messageField: 'msg' },
  { code: 'S00001', message: 'Database error' },
  { code: 'C00001', message: 'Connection refused by backend API server (core)' },
];

for (const c of codeCases) {
  const name = `case-${c.code}`;
  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `any encrypted function: ${c.code} ${c.message} (selected by ${CASE_HEADER}: ${c.code})`,
      priority: CASE_PRIORITY,
      request: {
        method: 'POST',
        urlPathPattern: ENCRYPTED_PATHS,
        headers: { ...signedHeaders(), [CASE_HEADER]: { equalTo: c.code } },
        bodyPatterns: encryptedBodyPatterns(),
      },
      response: jsonResponse(c.messageField ? { txID: txIdFor(name), code: c.code, [c.messageField]: c.message } : envelope(name, c.code, c.message)),
      metadata: { contract: c.messageField || c.code.startsWith('S') || c.code.startsWith('C') ? 'addendum §A2.1' : '§10.1', case: c.code },
    },
  });
}

// D30002 once: the first encrypted call answers "CEK expired"; after it the scenario moves on and the function's
// success mapping answers, so the SDK's getKey + single resend can be observed (contract §3).
{
  const name = 'case-D30002-once';
  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `any encrypted function: D30002 once, then success (selected by ${CASE_HEADER}: D30002-once)`,
      priority: CASE_PRIORITY,
      scenarioName: 'D30002-once',
      requiredScenarioState: 'Started',
      newScenarioState: 'content-key-refused',
      request: {
        method: 'POST',
        urlPathPattern: ENCRYPTED_PATHS,
        headers: { ...signedHeaders(), [CASE_HEADER]: { equalTo: 'D30002-once' } },
        bodyPatterns: encryptedBodyPatterns(),
      },
      response: jsonResponse(envelope(name, 'D30002', 'content encryption key not exist or expired')),
      metadata: { contract: '§3, §10.1', case: 'D30002-once' },
    },
  });
}

// Transport failures of the key functions: answered once, then the success mapping answers (contract §2.2).
const keyTransportCases = [
  { caseName: 'getKey-HTTP503-once', status: 503, body: 'Service Unavailable', headers: { 'Content-Type': 'text/plain' } },
  { caseName: 'getKey-HTTP429-once', status: 429, body: 'Too Many Requests', headers: { 'Content-Type': 'text/plain', 'Retry-After': '1' } },
];
for (const c of keyTransportCases) {
  const name = `case-${c.caseName}`;
  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `getKey: HTTP ${c.status} once, then success (selected by ${CASE_HEADER}: ${c.caseName})`,
      priority: CASE_PRIORITY,
      scenarioName: c.caseName,
      requiredScenarioState: 'Started',
      newScenarioState: 'answered',
      request: {
        method: 'POST',
        urlPath: `${API}security/getKey`,
        headers: { ...signedHeaders(), [CASE_HEADER]: { equalTo: c.caseName } },
        bodyPatterns: keyBodyPatterns(),
      },
      response: { status: c.status, headers: c.headers, body: c.body },
      metadata: { contract: '§2.2', case: c.caseName },
    },
  });
}

// Any encrypted function answers HTTP 503 once, then its success mapping answers: the SDK may retry only the
// retry-safe functions (anonymous getResult), never an initiateRequest, which would prompt the user twice (contract §2.2).
{
  const name = 'case-HTTP503-once';
  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `any encrypted function: HTTP 503 once, then success (selected by ${CASE_HEADER}: HTTP503-once)`,
      priority: CASE_PRIORITY,
      scenarioName: 'HTTP503-once',
      requiredScenarioState: 'Started',
      newScenarioState: 'answered',
      request: {
        method: 'POST',
        urlPathPattern: ENCRYPTED_PATHS,
        headers: { ...signedHeaders(), [CASE_HEADER]: { equalTo: 'HTTP503-once' } },
        bodyPatterns: encryptedBodyPatterns(),
      },
      response: { status: 503, headers: { 'Content-Type': 'text/plain' }, body: 'Service Unavailable' },
      metadata: { contract: '§2.2', case: 'HTTP503-once' },
    },
  });
}

// getToken answers HTTP 500 every time: the SDK must not retry it (single-use code).
{
  const name = 'case-getToken-HTTP500';
  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `getToken: HTTP 500 (selected by ${CASE_HEADER}: getToken-HTTP500)`,
      priority: CASE_PRIORITY,
      request: {
        method: 'POST',
        urlPath: `${API}auth/getToken`,
        headers: { ...signedHeaders(), [CASE_HEADER]: { equalTo: 'getToken-HTTP500' } },
        bodyPatterns: encryptedBodyPatterns(),
      },
      response: { status: 500, headers: { 'Content-Type': 'text/plain' }, body: 'Internal Server Error' },
      metadata: { contract: '§2.2', case: 'getToken-HTTP500' },
    },
  });
}

// A gateway page instead of an envelope, with HTTP 200.
{
  const name = 'case-not-json';
  mappings.push({
    file: name,
    mapping: {
      id: uuidFor(name),
      name: `any encrypted function: HTTP 200 with an HTML page (selected by ${CASE_HEADER}: not-json)`,
      priority: CASE_PRIORITY,
      request: {
        method: 'POST',
        urlPathPattern: ENCRYPTED_PATHS,
        headers: { ...signedHeaders(), [CASE_HEADER]: { equalTo: 'not-json' } },
        bodyPatterns: encryptedBodyPatterns(),
      },
      response: {
        status: 200,
        headers: { 'Content-Type': 'text/html' },
        body: '<html><body><h1>Gateway maintenance</h1></body></html>',
      },
      metadata: { contract: '§2.2', case: 'not-json' },
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Callbacks (server -> e-service POST bodies, contract §2.3) for the callback-handler tests. Their content is
// encrypted under the vector's callback CEK, and secretKey is that CEK wrapped under the test KEK, verbatim from
// the vector file. Decrypted payloads use the wrapped shape {"content":{...}} of S4.
// ---------------------------------------------------------------------------------------------------------------
const callbacks = [
  { name: 'profile-result', code: 'D00000', message: 'SUCCESS', payload: 'profile-result.json' },
  { name: 'eme-result', code: 'D00000', message: 'SUCCESS', payload: 'eme-result.json' },
  // The e-bill address proof in the exact shape of addendum §A6.1 (invented provider, name, address and PDF).
  { name: 'eme-address-proof-result', code: 'D00000', message: 'SUCCESS', payload: 'eme-address-proof-result.json' },
  { name: 'signing-result', code: 'D00000', message: 'SUCCESS', payload: 'signing-result.json' },
  { name: 'pdfsigning-result', code: 'D00000', message: 'SUCCESS', payload: 'pdfsigning-result.json' },
  { name: 'stepup-result', code: 'D00000', message: 'SUCCESS', payload: 'stepup-result.json' },
  { name: 'eme-cancelled', code: 'D60000', message: 'form filling cancelled', payload: 'eme-cancelled.json' },
  { name: 'eme-rejected', code: 'D60001', message: 'form filling rejected', payload: 'eme-rejected.json' },
  { name: 'profile-rejected', code: 'D50001', message: 'profile request rejected' },
  { name: 'signing-cancelled', code: 'D70000', message: 'signing cancelled' },
  // Addendum §A2.4: step-up failures arrive as the signing callback's code [I].
  { name: 'signing-stepup-fr-failed', code: 'D77001', message: 'failed to sign with FR' },
  { name: 'signing-stepup-waiting-period', code: 'D77004', message: 'user is still in waiting period' },
  { name: 'stepup-rejected', code: 'D80001', message: 're-authentication rejected' },
  // Addendum §A3.1: the scope tables name the wrapped CEK "key", the examples "secretKey".
  { name: 'eme-result-key-member', code: 'D00000', message: 'SUCCESS', payload: 'eme-result.json', keyMember: 'key' },
  // Addendum §A3.2/§A3.3: the same envelope in a multipart/form-data body (form filling's callbackContentType).
  { name: 'eme-result-multipart', code: 'D00000', message: 'SUCCESS', payload: 'eme-result.json', multipart: true },
];

// A multipart body as the bulk-signing sample lays it out (addendum §A3.3), with a fixed boundary so that the output
// is deterministic; the envelope is the part's JSON, the form-filling part name is undocumented [G].
const MULTIPART_BOUNDARY = 'iamsmart-contract-7MA4YWxkTrZu0gW';
const multipartOf = (envelopeJson) => ({
  contentType: `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
  body: [
    `--${MULTIPART_BOUNDARY}`,
    'Content-Disposition: form-data; name="content"',
    'Content-Type: application/json;charset=UTF-8',
    '',
    envelopeJson,
    `--${MULTIPART_BOUNDARY}--`,
    '',
  ].join('\r\n'),
});

const callbackFiles = callbacks.map((cb) => {
  const name = `callback-${cb.name}`;
  const body = envelope(name, cb.code, cb.message);
  if (cb.payload) {
    body.content = encrypt(callbackCek, name, JSON.stringify(sample(`callbacks/${cb.payload}`)));
    body[cb.keyMember ?? 'secretKey'] = callbackVector.body.secretKey;
  }
  return {
    file: cb.name,
    json: {
      description: `Callback body (contract §2.3${cb.keyMember ? ', addendum §A3.1' : ''}${cb.multipart ? ', addendum §A3.3: also sent as multipart' : ''}): ${cb.name}.`,
      ...(cb.payload ? { payloadSample: `samples/callbacks/${cb.payload}`, contentKey: 'callbacks.0.expectedCek' } : {}),
      body,
      ...(cb.multipart ? { multipart: multipartOf(JSON.stringify(body)) } : {}),
    },
  };
});

// ---------------------------------------------------------------------------------------------------------------
// Bulk-signing callbacks (addendum §A3.3, §A3.4), named bdss-*: the BSQC token callback has no code, and the result
// pages are multipart only, so the contract tests read them apart from the others. Content under the vector's
// callback CEK as above.
// ---------------------------------------------------------------------------------------------------------------
const BULK_BOUNDARY = 'iamsmart-contract-bulk-Q2x1c3Rlcg';
const bulkMultipart = (sigFile, envelopeJson) => ({
  contentType: `multipart/form-data; boundary=${BULK_BOUNDARY}`,
  body: [
    ...(sigFile === undefined ? [] : [
      `--${BULK_BOUNDARY}`,
      'Content-Disposition: form-data; name="sigFile"; filename="signatures.txt"',
      'Content-Type: text/plain',
      '',
      // As the spec prints it: "signatures": [...] without the outer braces (addendum §A3.3).
      `"signatures": ${JSON.stringify(sigFile)}`,
    ]),
    `--${BULK_BOUNDARY}`,
    'Content-Disposition: form-data; name="sigMetada"',
    'Content-Type: application/json;charset=UTF-8',
    '',
    envelopeJson,
    `--${BULK_BOUNDARY}--`,
    '',
  ].join('\r\n'),
});

const bulkCallbackFiles = [];
{
  // The BSQC token: a request-style envelope without code (§A3.4); its signature has no documented algorithm [G].
  const name = 'bulk-callback-bdss-token';
  const body = {
    txID: txIdFor(name),
    clientID: clientId,
    signatureMethod: 'HmacSHA256',
    signature: sha256(`iamsmart-contract-fixture-signature:${name}`).toString('base64'),
    timestamp: '1767225600000',
    nonce: uuidFor(name),
    content: encrypt(callbackCek, name, JSON.stringify(sample('callbacks/bdss-token.json'))),
    secretKey: callbackVector.body.secretKey,
  };
  bulkCallbackFiles.push({
    file: 'bdss-token',
    json: { description: 'BSQC token callback (addendum §A3.4), JSON to redirectURI.', payloadSample: 'samples/callbacks/bdss-token.json', contentKey: 'callbacks.0.expectedCek', body },
  });
}
for (const page of [1, 2]) {
  const name = `bulk-callback-bdss-result-page${page}`;
  const body = envelope(name, 'D00000', 'SUCCESS', encrypt(callbackCek, name, JSON.stringify(sample(`callbacks/bdss-result-page${page}.json`))));
  body.secretKey = callbackVector.body.secretKey;
  const sigFile = sample(`callbacks/bdss-result-page${page}-sigfile.json`);
  bulkCallbackFiles.push({
    file: `bdss-result-page${page}`,
    json: {
      description: `Bulk-signing result page ${page} of 2 (addendum §A3.3, §A4.4): multipart sigFile + sigMetada.`,
      payloadSample: `samples/callbacks/bdss-result-page${page}.json`,
      sigFileSample: `samples/callbacks/bdss-result-page${page}-sigfile.json`,
      contentKey: 'callbacks.0.expectedCek',
      body,
      multipart: bulkMultipart(sigFile, JSON.stringify(body)),
    },
  });
}
{
  // A failure: only sigMetada, with the ids (addendum §A3.3).
  const name = 'bulk-callback-bdss-rejected';
  const body = envelope(name, 'D71001', 'user rejected bulk signing request', encrypt(callbackCek, name, JSON.stringify(sample('callbacks/bdss-rejected.json'))));
  body.secretKey = callbackVector.body.secretKey;
  bulkCallbackFiles.push({
    file: 'bdss-rejected',
    json: {
      description: 'Bulk-signing failure (addendum §A3.3): multipart with sigMetada only.',
      payloadSample: 'samples/callbacks/bdss-rejected.json',
      contentKey: 'callbacks.0.expectedCek',
      body,
      multipart: bulkMultipart(undefined, JSON.stringify(body)),
    },
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Write or check.
// ---------------------------------------------------------------------------------------------------------------
const outputs = new Map();
for (const m of mappings) outputs.set(join(here, 'mappings', `${m.file}.json`), `${JSON.stringify(m.mapping, null, 2)}\n`);
for (const c of callbackFiles) outputs.set(join(here, 'callbacks', `${c.file}.json`), `${JSON.stringify(c.json, null, 2)}\n`);
for (const c of bulkCallbackFiles) outputs.set(join(here, 'callbacks', `${c.file}.json`), `${JSON.stringify(c.json, null, 2)}\n`);

const dirs = ['mappings', 'callbacks'].map((d) => join(here, d));
const stale = dirs.flatMap((d) => (existsSync(d) ? readdirSync(d).map((f) => join(d, f)) : [])).filter((f) => !outputs.has(f));

if (check) {
  const differing = [...outputs].filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text).map(([f]) => f);
  for (const f of [...differing, ...stale]) console.error(`out of date: ${f}`);
  if (differing.length + stale.length > 0) {
    console.error(`Run: node ${join('tests', 'contracts', 'generate-fixtures.mjs')} ${args.filter((a) => a !== '--check').join(' ')}`.trim());
    process.exit(1);
  }
  console.log(`${outputs.size} fixtures are up to date with ${vectorPath} (label ${vectors.label}).`);
} else {
  for (const d of dirs) mkdirSync(d, { recursive: true });
  for (const f of stale) rmSync(f);
  for (const [file, text] of outputs) writeFileSync(file, text);
  console.log(`Wrote ${mappings.length} mappings, ${callbackFiles.length} callbacks and ${bulkCallbackFiles.length} bulk-signing callbacks from ${vectorPath} (label ${vectors.label}).`);
}
