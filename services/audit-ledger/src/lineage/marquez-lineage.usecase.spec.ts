import { marquezId, openLineageName, refFromNodeId } from './marquez-lineage.usecase';

describe('Marquez node ids', () => {
  it('maps the provenant namespace to PROV refs and any other to external OpenLineage nodes', () => {
    expect(refFromNodeId('dataset:provenant:model:fraud/3')).toBe('model:fraud/3');
    expect(refFromNodeId('job:provenant:run:5f1c')).toBe('run:5f1c');
    expect(refFromNodeId('model:fraud/3')).toBe('model:fraud/3');
    expect(refFromNodeId('dataset:postgres://db:5432:analytics.public.trips')).toBe(
      'ol_dataset:postgres://db:5432:analytics.public.trips',
    );
    expect(refFromNodeId('job:airflow:etl.load')).toBe('ol_job:airflow:etl.load');
    expect(() => refFromNodeId('dataset:no-name')).toThrow(/nodeId/);
  });

  it('gives external nodes back their own ids and splits namespace from name for display', () => {
    expect(marquezId('ol_dataset:s3://raw:trips/1.parquet')).toBe('dataset:s3://raw:trips/1.parquet');
    expect(marquezId('ol_job:airflow:etl.load')).toBe('job:airflow:etl.load');
    expect(marquezId('run:5f1c')).toBe('job:provenant:run:5f1c');
    expect(openLineageName('postgres://db:5432:analytics.public.trips')).toEqual({
      namespace: 'postgres://db:5432',
      name: 'analytics.public.trips',
    });
    expect(openLineageName('file:/tmp/x.csv')).toEqual({ namespace: 'file', name: '/tmp/x.csv' });
  });
});
