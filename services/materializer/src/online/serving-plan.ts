import { BadRequestException } from '@nestjs/common';
import type { ValueType } from '@provenant/contracts';
import type { ResolvedFeatures } from '../training-sets/resolve-features';
import { viewTag } from './online-key';
import { viewFields } from './online-store.reader';

/** What every request for the same features reads and answers, worked out once, not per request. */
export interface ServingPlan {
  resolved: ResolvedFeatures;
  /** The feature columns' names, in order (join keys come before them). */
  featureNames: string[];
  views: {
    joinKeys: string[];
    /** The hash fields one lookup reads (`viewFields`). */
    fields: string[];
    /** Each requested feature's type, in request order. */
    types: ValueType[];
  }[];
}

export function servingPlan(resolved: ResolvedFeatures, fullFeatureNames = false): ServingPlan {
  const featureNames = resolved.views.flatMap(({ view, features }) =>
    features.map((f) => (fullFeatureNames ? `${view.name}__${f}` : f)),
  );
  const seen = new Set<string>();
  for (const name of featureNames) {
    if (seen.has(name))
      throw new BadRequestException([
        `features: two views provide a feature named ${name}; ask with full_feature_names: true`,
      ]);
    seen.add(name);
  }
  return {
    resolved,
    featureNames,
    views: resolved.views.map(({ view, features }) => ({
      joinKeys: view.joinKeys.map((k) => k.name),
      fields: viewFields(viewTag(view), features),
      types: features.map((name) => view.features.find((x) => x.name === name)!.valueType),
    })),
  };
}
