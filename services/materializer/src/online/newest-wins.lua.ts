/**
 * One row into one entity hash, atomically: written only if its (event_ts, created_ts,
 * ingestion_seq) is greater than the stored one, the total order point-in-time retrieval uses
 * (DESIGN.md §3), so out-of-order, replayed and late rows never move a value backwards and the
 * online value is the one a point-in-time lookup at "now" would pick. Feast does the same
 * comparison client-side (HMGET then HSET), which races between writers; here Redis runs it.
 *
 * Returns 1 written, 2 already online (same row: a replay), 0 stale (online is newer).
 *
 * Expiry: the key expires at the latest `event_ts + ttl` of the views in it (`_exp` remembers
 * it; 0 means a view with ttl 0 lives there, so never). Per-view staleness inside a live key is
 * the read path's job (OUTSIDE_MAX_AGE).
 *
 * KEYS[1] entity hash. ARGV: tag, event_ts, created_ts, seq, batch id, expire-at ms (0 = never),
 * n, then n pairs of feature name and JSON value ('' = null).
 * Times are µs below 2^53, exact in Lua's doubles.
 */
export const NEWEST_WINS_LUA = `
local key, tag = KEYS[1], ARGV[1]
local et, ct, sq = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local cur = redis.call('HGET', key, '_ts:' .. tag)
if cur then
  local a, b, c = string.match(cur, '^(%S+) (%S+) (%S+)$')
  a, b, c = tonumber(a), tonumber(b), tonumber(c)
  if et < a or (et == a and (ct < b or (ct == b and sq < c))) then return 0 end
  if et == a and ct == b and sq == c then return 2 end
end
redis.call('HSET', key, '_ts:' .. tag, ARGV[2] .. ' ' .. ARGV[3] .. ' ' .. ARGV[4], '_b:' .. tag, ARGV[5])
local n = tonumber(ARGV[7])
for i = 0, n - 1 do
  local f, v = tag .. ':' .. ARGV[8 + 2 * i], ARGV[9 + 2 * i]
  if v == '' then redis.call('HDEL', key, f) else redis.call('HSET', key, f, v) end
end
local keyExp = redis.call('HGET', key, '_exp')
if keyExp ~= '0' then
  if ARGV[6] == '0' then
    redis.call('HSET', key, '_exp', '0')
    redis.call('PERSIST', key)
  elseif (not keyExp) or tonumber(ARGV[6]) > tonumber(keyExp) then
    redis.call('HSET', key, '_exp', ARGV[6])
    redis.call('PEXPIREAT', key, ARGV[6])
  end
end
return 1
`;
