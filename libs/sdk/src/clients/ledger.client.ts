import type { Checkpoint } from '@provenant/merkle';
import type { HttpClient } from '../http-client';
import { checkInclusion, openCheckpoint } from '../ledger-audit';

export interface InclusionProof {
  leafIndex: number;
  treeSize: number;
  eventId: string;
  leafHash: string;
  rootHash: string;
  hashes: string[];
  checkpoint?: string;
}

export interface VerifiedInclusion {
  eventId: string;
  leafIndex: number;
  checkpoint: Checkpoint;
  /** The signed note the proof was checked against. */
  note: string;
  proof: InclusionProof;
}

/**
 * The audit-ledger: checkpoints, proofs, lineage and reports. `proveEvent` checks what it is
 * served with the verifier key alone (signature, then the RFC 9162 inclusion proof), so a
 * caller never has to trust the server's word that an event is in the log.
 */
export class LedgerClient {
  constructor(private readonly http: HttpClient) {}

  publicKey() {
    return this.http.get<string>('/ledger/public-key');
  }

  checkpoint() {
    return this.http.get<string>('/ledger/checkpoint');
  }

  inclusionProof(eventId: string, treeSize?: number) {
    return this.http.get<InclusionProof>('/ledger/proofs/inclusion', { eventId, treeSize });
  }

  /** Verifies the latest signed checkpoint with `verifierKey` and the event's inclusion in it. */
  async proveEvent(eventId: string, verifierKey: string): Promise<VerifiedInclusion> {
    const proof = await this.inclusionProof(eventId);
    if (!proof.checkpoint) throw new Error('the ledger answered a proof without its checkpoint');
    const checkpoint = openCheckpoint(proof.checkpoint, verifierKey);
    const check = checkInclusion(proof, checkpoint);
    if (!check.ok) throw new Error(`inclusion proof of event ${eventId} fails (${check.what}): ${check.detail}`);
    return { eventId, leafIndex: proof.leafIndex, checkpoint, note: proof.checkpoint, proof };
  }

  /** Whether `eventId` is in the log yet (the ledger appends asynchronously, from Kafka). */
  async has(eventId: string): Promise<boolean> {
    return this.inclusionProof(eventId).then(
      () => true,
      (err: { status?: number }) => {
        if (err.status === 404 || err.status === 400) return false;
        throw err;
      },
    );
  }

  verify() {
    return this.http.post<{ ok: boolean; treeSize: number; kind?: string; firstBadIndex?: number }>(
      '/ledger/verify',
      {},
    );
  }

  /** Source-to-prediction lineage of one prediction. */
  predictionLineage(predictionId: string) {
    return this.http.get<Record<string, unknown>>(`/lineage/prediction/${encodeURIComponent(predictionId)}`);
  }
}
