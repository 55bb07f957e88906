import type { INestApplication } from '@nestjs/common';
import { useTestEnv } from '@provenant/testing';
import { httpTo, startRegistryWithConsumer, TOKENS, type Http } from './fixtures/model-registry-app';

const API = '/api/2.0/mlflow';

/** [method, path, body, token, words the 400 must contain]: one malformed request per endpoint. */
const CASES: [string, string, unknown, string, string][] = [
  ['POST', `${API}/registered-models/rename`, { name: 'm' }, TOKENS.scientist, 'new_name'],
  ['PATCH', `${API}/registered-models/update`, { name: 7 }, TOKENS.scientist, 'name'],
  ['DELETE', `${API}/registered-models/delete`, {}, TOKENS.scientist, 'name'],
  ['POST', `${API}/registered-models/set-tag`, { name: 'm', value: 'v' }, TOKENS.scientist, 'key'],
  ['DELETE', `${API}/registered-models/delete-tag`, { name: 'm' }, TOKENS.scientist, 'key'],
  ['POST', `${API}/registered-models/get-latest-versions`, {}, TOKENS.scientist, 'name'],
  ['GET', `${API}/registered-models/search`, { max_results: 'many' }, TOKENS.scientist, 'max_results'],
  [
    'POST',
    `${API}/registered-models/alias`,
    { name: 'm', alias: 'champion', version: 'x' },
    TOKENS.scientist,
    'version',
  ],
  ['DELETE', `${API}/registered-models/alias`, { name: 'm' }, TOKENS.scientist, 'alias'],
  ['GET', `${API}/registered-models/alias`, { name: 'm' }, TOKENS.scientist, 'alias'],
  ['PATCH', `${API}/model-versions/update`, { name: 'm', version: 'x' }, TOKENS.scientist, 'version'],
  ['DELETE', `${API}/model-versions/delete`, { name: 'm' }, TOKENS.scientist, 'version'],
  ['GET', `${API}/model-versions/search`, { max_results: '0' }, TOKENS.scientist, 'max_results'],
  ['GET', `${API}/model-versions/get-download-uri`, { name: 'm' }, TOKENS.scientist, 'version'],
  ['POST', `${API}/model-versions/set-tag`, { name: 'm', version: '1', value: 'v' }, TOKENS.scientist, 'key'],
  ['DELETE', `${API}/model-versions/delete-tag`, { name: 'm', version: '1' }, TOKENS.scientist, 'key'],
  [
    'POST',
    `${API}/model-versions/transition-stage`,
    { name: 'm', version: '1', stage: 'Prod', archive_existing_versions: false },
    TOKENS.approver,
    'stage',
  ],
  ['PUT', '/api/provenant/models/m/versions/1/card', { description: 5 }, TOKENS.scientist, 'description'],
  ['PUT', '/api/provenant/models/m/versions/one/card', {}, TOKENS.scientist, 'version'],
  [
    'POST',
    '/api/provenant/models/m/versions/x/promotions',
    { target: 'staging' },
    TOKENS.approver,
    'version',
  ],
  ['POST', '/api/provenant/models/m/versions/1/promotions', { target: '' }, TOKENS.approver, 'target'],
  ['POST', '/api/provenant/models/m/versions/1/approvals', { comment: 'ok' }, TOKENS.approver, 'target'],
  ['GET', '/api/provenant/models/m/promotions', { version: 'x' }, TOKENS.scientist, 'version'],
  ['POST', '/api/provenant/ledger-violations/v-1/resolve', {}, TOKENS.auditor, 'resolution'],
  ['POST', '/api/provenant/datasets', { name: 'd', entries: 'none' }, TOKENS.pipeline, 'entries'],
  ['GET', '/api/provenant/datasets/d/versions/0', undefined, TOKENS.scientist, 'version'],
];

describe('registry: bad input on every endpoint is a 400 naming the field, and writes nothing', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let http: Http;

  beforeAll(async () => {
    let url: string;
    ({ app, url } = await startRegistryWithConsumer(env()));
    http = httpTo(url);
    await http('POST', `${API}/registered-models/create`, { name: 'm' }, TOKENS.pipeline);
    await http('POST', `${API}/model-versions/create`, { name: 'm', source: 's3://b/m' }, TOKENS.pipeline);
  });

  afterAll(() => app?.close());

  it.each(CASES)('%s %s', async (method, path, body, token, words) => {
    const res = await http(method, path, body, token);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain(words);
  });

  it('left the model as it was', async () => {
    const { body } = await http('GET', `${API}/registered-models/get`, { name: 'm' });
    expect(body.registered_model).toMatchObject({ name: 'm', tags: [], aliases: [] });
    const versions = await http('GET', `${API}/model-versions/search`, { filter: "name='m'" });
    expect(versions.body.model_versions).toEqual([
      expect.objectContaining({ version: '1', current_stage: 'None', tags: [] }),
    ]);
    expect((await http('GET', '/api/provenant/models/m/promotions')).body).toMatchObject({ promotions: [] });
    expect((await http('GET', '/api/provenant/models/m/versions/1/card')).status).toBe(404);
  });
});
