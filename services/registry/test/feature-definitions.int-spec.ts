import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { useTestEnv } from '@provenant/testing';
import { cli, collectEvents, post, ROOT, startRegistry } from './fixtures/registry-app';

describe('registry: feature definitions', () => {
  const env = useTestEnv();
  let app: INestApplication;
  let url: string;
  let repo: string;
  let topic: Awaited<ReturnType<typeof collectEvents>>;

  const definitions = async () =>
    (
      (await (
        await fetch(`${url}/features/definitions`, { headers: { authorization: 'Bearer dev-auditor-token' } })
      ).json()) as any
    ).definitions as any[];

  beforeAll(async () => {
    ({ app, url } = await startRegistry(env()));
    repo = await mkdtemp(join(tmpdir(), 'feature-repo-'));
    await cp(join(ROOT, 'examples/feature-repo'), repo, { recursive: true });
    topic = await collectEvents(env(), 'provenant.features.v1');
  });

  afterAll(async () => {
    await topic?.stop();
    await app?.close();
    await rm(repo, { recursive: true, force: true });
  });

  it('plans the example repository without writing anything', async () => {
    const out = await cli(['features', 'plan', '--repo', repo], url);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/CREATED.*feature_view:driver_stats/);
    expect(await definitions()).toEqual([]);
  });

  it('applies it: one revision and one event per object, services pinned to view versions', async () => {
    const out = await cli(['features', 'apply', '--repo', repo, '--json'], url);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.changes.map((c: any) => `${c.change} ${c.kind}:${c.name}`).sort()).toEqual([
      'CREATED entity:driver',
      'CREATED entity:route',
      'CREATED feature_service:driver_ranking',
      'CREATED feature_view:driver_stats',
      'CREATED feature_view:route_stats',
    ]);
    await topic.until(5);
    const view = topic.events.find(
      (e) => e.eventType === 'FeatureViewApplied' && e.value.name === 'driver_stats',
    )!;
    expect(view.key).toBe('driver_stats');
    expect(view.value).toMatchObject({
      version: 1,
      change: 'CREATED',
      entities: ['driver'],
      ttlMicros: 7_200_000_000,
      freshnessThresholdMicros: 1_800_000_000,
    });
    expect(view.value.meta.actor.principal).not.toBe('registry');
    expect(view.value.meta.generated).toEqual([
      expect.objectContaining({ kind: 'feature_view', id: 'driver_stats@v1' }),
    ]);
    const route = topic.events.find((e) => e.eventType === 'EntityApplied' && e.value.name === 'route')!;
    expect(route.value.joinKeys).toEqual([
      { name: 'origin', valueType: 'STRING' },
      { name: 'destination', valueType: 'STRING' },
    ]);
    const service = topic.events.find((e) => e.eventType === 'FeatureServiceApplied')!;
    expect(service.value.projections).toEqual([
      {
        featureView: 'driver_stats',
        featureViewVersion: 1,
        features: ['conv_rate', 'acc_rate', 'avg_daily_trips'],
      },
    ]);
  });

  it('applies the same repository again as a no-op', async () => {
    const out = await cli(['features', 'apply', '--repo', repo], url);
    expect(out.stdout).toMatch(/No changes/);
    expect(topic.events).toHaveLength(5);
  });

  it('makes a new view version on a type change; the old version stays readable', async () => {
    const file = join(repo, 'driver_stats.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('type: INT64', 'type: FLOAT64'));
    const plan = await cli(['features', 'plan', '--repo', repo], url);
    expect(plan.stdout).toMatch(/avg_daily_trips: INT64 -> FLOAT64 \(breaking\)/);
    const out = JSON.parse((await cli(['features', 'apply', '--repo', repo, '--json'], url)).stdout);
    expect(out.changes.map((c: any) => `${c.change} ${c.name} v${c.toVersion}`)).toEqual([
      'VERSIONED driver_stats v2',
      'VERSIONED driver_ranking v2',
    ]);
    await topic.until(7);
    expect(topic.events[5].value).toMatchObject({
      name: 'driver_stats',
      version: 2,
      previousVersion: 1,
      change: 'VERSIONED',
    });
    const history = await (
      await fetch(`${url}/features/definitions/feature_view/driver_stats`, {
        headers: { authorization: 'Bearer dev-auditor-token' },
      })
    ).json();
    expect((history as any).revisions.map((r: any) => r.version)).toEqual([1, 2]);
  });

  it('removes only on explicit request, and refuses to remove what is still used', async () => {
    await rm(join(repo, 'services.yaml'));
    const kept = await cli(['features', 'apply', '--repo', repo], url);
    expect(kept.stdout).toMatch(/Not in the repository, kept: feature_service:driver_ranking v2/);
    const refused = await cli(['features', 'apply', '--repo', repo, '--delete', 'entity:driver'], url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/delete entity:driver: still defined in the repository/);
    const removed = JSON.parse(
      (
        await cli(
          ['features', 'apply', '--repo', repo, '--delete', 'feature_service:driver_ranking', '--json'],
          url,
        )
      ).stdout,
    );
    expect(removed.changes).toEqual([expect.objectContaining({ change: 'DELETED', name: 'driver_ranking' })]);
    await topic.until(8);
    expect(topic.events[7]).toMatchObject({
      eventType: 'FeatureServiceApplied',
      value: { change: 'DELETED', version: 2 },
    });
  });

  it('answers 400 naming the field, 422 naming the problem, writing nothing either way', async () => {
    const before = await definitions();
    const bad = await post(`${url}/features/apply`, {
      objects: [
        { kind: 'FeatureView', name: 'x', entities: ['driver'], features: [{ name: 'f', type: 'FLOAT' }] },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message.join()).toMatch(/objects\.0\.features\.0\.type/);
    const invalid = await post(`${url}/features/apply`, {
      objects: [
        { kind: 'FeatureView', name: 'x', entities: ['nobody'], features: [{ name: 'f', type: 'FLOAT64' }] },
      ],
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.message).toEqual(['FeatureView x.entities: unknown entity nobody']);
    expect(await definitions()).toEqual(before);
  });

  it('reports a YAML syntax error with its file and line', async () => {
    await writeFile(join(repo, 'broken.yaml'), 'kind: Entity\nname: [oops\n');
    const out = await cli(['features', 'plan', '--repo', repo], url);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/broken\.yaml:\d+:/);
    await rm(join(repo, 'broken.yaml'));
  });

  it('lets only scientists and pipelines apply (403 naming the role)', async () => {
    const res = await post(`${url}/features/apply`, { objects: [] }, 'dev-auditor-token');
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/requires role scientist or pipeline/);
  });
});
