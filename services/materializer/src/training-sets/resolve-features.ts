import { BadRequestException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CatalogView, FeatureCatalog } from './feature-catalog';

export interface ResolvedFeatures {
  /** Each view version read, with the features taken from it, in output order. */
  views: { view: CatalogView; features: string[] }[];
  /** `view:feature`, in output column order. */
  refs: string[];
  featureService: string | null;
}

const REF = /^([A-Za-z_][A-Za-z0-9_]*)(?:@v(\d+))?:([A-Za-z_][A-Za-z0-9_]*)$/;

/** `view:feature` / `view@v2:feature` references, or a feature service's pinned projections. */
export async function resolveFeatures(
  m: EntityManager,
  catalog: FeatureCatalog,
  req: { features?: string[]; featureService?: string },
): Promise<ResolvedFeatures> {
  let wanted: { view: string; version?: number; feature: string; field: string }[];
  let featureService: string | null = null;
  if (req.featureService) {
    const service = await catalog.service(m, req.featureService);
    if (!service)
      throw new BadRequestException([`featureService: unknown feature service ${req.featureService}`]);
    featureService = `${service.name}@v${service.version}`;
    wanted = service.projections.flatMap((p) =>
      p.features.map((feature) => ({
        view: p.featureView,
        version: p.featureViewVersion,
        feature,
        field: 'featureService',
      })),
    );
  } else {
    wanted = req.features!.map((ref, i) => {
      const match = REF.exec(ref);
      if (!match)
        throw new BadRequestException([
          `features.${i}: ${JSON.stringify(ref)} is not <view>:<feature> or <view>@v<n>:<feature>`,
        ]);
      return {
        view: match[1],
        version: match[2] ? Number(match[2]) : undefined,
        feature: match[3],
        field: `features.${i}`,
      };
    });
  }
  const views: ResolvedFeatures['views'] = [];
  const refs: string[] = [];
  for (const w of wanted) {
    let entry = views.find((v) => v.view.name === w.view);
    if (!entry) {
      const view = await catalog.view(m, w.view, w.version);
      if (!view)
        throw new BadRequestException([
          `${w.field}: unknown feature view ${w.view}${w.version ? ` version ${w.version}` : ''}`,
        ]);
      entry = { view, features: [] };
      views.push(entry);
    } else if (w.version && entry.view.version !== w.version) {
      throw new BadRequestException([`${w.field}: feature view ${w.view} requested at two versions`]);
    }
    if (!entry.view.features.some((f) => f.name === w.feature))
      throw new BadRequestException([
        `${w.field}: feature view ${w.view} v${entry.view.version} has no feature ${w.feature}`,
      ]);
    const ref = `${w.view}:${w.feature}`;
    if (refs.includes(ref)) throw new BadRequestException([`${w.field}: ${ref} requested twice`]);
    entry.features.push(w.feature);
    refs.push(ref);
  }
  return { views, refs, featureService };
}
