import { featureColumn, featureValue } from './feature-store.client';

describe('feature columns', () => {
  it('finds a feature by its own name or by view__feature (full feature names)', () => {
    expect(featureColumn(['courier_id', 'conv_rate'], 'conv_rate')).toBe(1);
    expect(featureColumn(['courier_id', 'courier_hourly__conv_rate'], 'conv_rate')).toBe(1);
    expect(featureValue({ courier_id: 1, courier_hourly__acc_rate: 0.5 }, 'acc_rate')).toBe(0.5);
  });

  it('does not take a feature whose name merely ends the same way', () => {
    expect(() => featureColumn(['avg_conv_rate'], 'conv_rate')).toThrow(
      'no column for feature conv_rate among avg_conv_rate',
    );
  });
});
