import type { BaseConfig } from '../config/base-config.schema';
import { ConfigError } from '../config/load-config';
import { DEV_TOKENS } from './dev-tokens';
import { parseTokenList, readTokenFile, TokenStore } from './token-store';

/** File first, then the inline list, then (outside production only) the public development set. */
export function loadTokenStore(
  config: Pick<BaseConfig, 'NODE_ENV' | 'PROVENANT_TOKENS' | 'PROVENANT_TOKENS_FILE'>,
): TokenStore {
  try {
    if (config.PROVENANT_TOKENS_FILE) return new TokenStore(readTokenFile(config.PROVENANT_TOKENS_FILE));
    if (config.PROVENANT_TOKENS) return new TokenStore(parseTokenList(config.PROVENANT_TOKENS));
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
  if (config.NODE_ENV === 'production') {
    throw new ConfigError([
      'PROVENANT_TOKENS: required in production (or PROVENANT_TOKENS_FILE); the development tokens are public',
    ]);
  }
  return new TokenStore(DEV_TOKENS);
}
