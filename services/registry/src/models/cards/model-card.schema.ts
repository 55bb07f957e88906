import { z } from 'zod';

const text = z.string().max(20_000);
const list = z.array(z.string().min(1).max(5_000)).max(100);

/**
 * The sections people write (Model Card Toolkit's model_details / considerations, Hugging Face's
 * card metadata). Everything else in the card is filled from lineage and cannot be edited.
 */
export const cardSections = z
  .object({
    description: text.optional(),
    owners: list.optional(),
    license: z.string().max(100).optional(),
    references: list.optional(),
    intendedUses: list.optional(),
    outOfScopeUses: list.optional(),
    users: list.optional(),
    factors: list.optional(),
    ethicalConsiderations: list.optional(),
    caveatsAndRecommendations: list.optional(),
  })
  .strict();

export type CardSections = z.infer<typeof cardSections>;

export const CARD_SCHEMA = 'provenant.model-card/v1';

export interface ModelCard {
  schema: typeof CARD_SCHEMA;
  modelDetails: {
    name: string;
    version: number;
    description: string | null;
    owners: string[];
    license: string | null;
    references: string[];
    source: string;
    artifactDigest: string | null;
    signature: { inputs: string; outputs: string; params: string | null } | null;
  };
  intendedUse: { primaryUses: string[]; outOfScopeUses: string[]; users: string[] };
  factors: string[];
  metrics: { name: string; value: number }[];
  trainingData: { name: string; digest: string }[];
  evaluationData: { name: string; digest: string; context: string | null }[];
  provenance: {
    runId: string | null;
    codeCommit: string | null;
    environment: string | null;
    parameters: Record<string, string>;
  };
  considerations: { ethicalConsiderations: string[]; caveatsAndRecommendations: string[] };
}
