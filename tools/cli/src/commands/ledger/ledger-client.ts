/** The few audit-ledger endpoints the CLI reads; answers are checked by the SDK's ledger-audit, never trusted. */
export class LedgerClient {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async text(path: string): Promise<string> {
    const res = await fetch(`${this.url}${path}`, {
      headers: this.headers(),
      signal: AbortSignal.timeout(30_000),
    });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.text();
  }

  async json<T = any>(path: string): Promise<T> {
    return JSON.parse(await this.text(path)) as T;
  }

  /** Every leaf in index order, in pages of 1000. */
  async *leaves(treeSize: number): AsyncGenerator<Buffer> {
    for (let start = 0; start < treeSize; start += 1000) {
      const { entries } = await this.json<{ entries: { leafIndex: number; leaf: string }[] }>(
        `/ledger/entries?start=${start}&limit=${Math.min(1000, treeSize - start)}`,
      );
      for (const [i, e] of entries.entries()) {
        if (e.leafIndex !== start + i) throw new Error(`entry ${start + i} missing from the server's answer`);
        yield Buffer.from(e.leaf, 'base64');
      }
    }
  }

  private headers(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }
}
