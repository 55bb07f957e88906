import type { BadRequestException } from '@nestjs/common';
import { pipedInclusionQuery, plainInclusionQuery, readInclusionQuery } from './inclusion-query';

const q = (s: string) => new URLSearchParams(s);

describe(readInclusionQuery.name, () => {
  it('reads the plain query directly, to the very values the pipe gives', async () => {
    for (const s of [
      'leafIndex=0',
      'leafIndex=5&treeSize=6',
      'treeSize=10000000&leafIndex=9999999',
      'leafIndex=%31',
    ]) {
      const plain = plainInclusionQuery(q(s));
      expect(plain).not.toBeNull();
      expect({ ...plain }).toEqual({ ...(await pipedInclusionQuery(q(s))) });
    }
  });

  it('leaves everything else to the pipe, which words the errors as the Nest route does', async () => {
    for (const s of [
      'leafIndex=01',
      'leafIndex=-1',
      'leafIndex=1.0',
      'leafIndex=1e3',
      'leafIndex=+1',
      'leafIndex=',
      'leafIndex=1&treeSize=0',
      'leafIndex=1&leafIndex=2',
      'leafIndex=1&sort=asc',
      'treeSize=3',
      'eventId=0192f0a1-7c3e-7d10-9a2b-3c4d5e6f7a8b',
      `leafIndex=${'9'.repeat(16)}`,
    ])
      expect(plainInclusionQuery(q(s))).toBeNull();
    const refused = await Promise.resolve(readInclusionQuery(q('leafIndex=-1&sort=asc'))).catch(
      (err: BadRequestException) => err.getResponse(),
    );
    expect(refused).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['property sort should not exist', 'leafIndex must not be less than 0'],
    });
  });
});
