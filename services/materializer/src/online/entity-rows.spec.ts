import type { CatalogView } from '../training-sets/feature-catalog';
import { entityColumns } from './entity-rows';

const view = (name: string, keys: [string, 'INT64' | 'STRING'][]): CatalogView => ({
  name,
  version: 1,
  entities: [],
  joinKeys: keys.map(([n, valueType]) => ({ name: n, valueType })),
  features: [],
  ttlMicros: 0,
});
const drivers = view('driver_stats', [['driver_id', 'INT64']]);
const routes = view('route_stats', [
  ['origin', 'STRING'],
  ['destination', 'STRING'],
]);

describe(entityColumns.name, () => {
  it('types the values of every join key of the requested views', () => {
    const sut = entityColumns({ driver_id: [1, '2'], origin: ['AMS', 'AMS'], destination: ['CDG', 'LHR'] }, [
      drivers,
      routes,
    ]);
    expect(sut.rows).toBe(2);
    expect(sut.values.get('driver_id')).toEqual([1, 2]);
    expect(sut.keys.map((k) => k.name)).toEqual(['driver_id', 'origin', 'destination']);
  });

  it.each([
    [{ driver_id: [1], rider: [2] }, 'entities.rider: unknown entity key'],
    [{}, 'entities.driver_id: missing; feature view driver_stats joins on it'],
    [{ driver_id: [] }, 'entities.driver_id: expected a non-empty array'],
    [{ driver_id: [1.5] }, 'entities.driver_id.0: expected INT64, got 1.5'],
  ])('rejects %j naming the field', (entities, message) => {
    expect(() => entityColumns(entities as never, [drivers])).toThrow(
      expect.objectContaining({
        response: expect.objectContaining({ message: [expect.stringContaining(message)] }),
      }),
    );
  });

  it('rejects columns of different lengths', () => {
    expect(() => entityColumns({ origin: ['A', 'B'], destination: ['C'] }, [routes])).toThrow();
  });
});
