-- One step on a bucket of Sluice's own object store (Firehose's output when no S3 endpoint is
-- configured), under the bucket's hash tag.
-- KEYS[1] bucket (hash): owner = the owning account, created = creation millis
-- KEYS[2] keys (sorted set, every score 0): the bucket's object keys, in byte order
-- KEYS[3] meta (hash): object key -> size, last modified millis, ETag, encoding (newline-separated)
-- KEYS[4] body (string, put and read only): the object's bytes
-- ARGV[1] step, then the step's arguments:
--   put <account> <now> <key> <meta> <body> -> {owner, created}: the bucket is created if absent
--   read <key> <first> <last>               -> {meta, bytes first..last as GETRANGE takes them}, or nil
--   list <after> <limit>                    -> {key, meta, key, meta, ...} of up to limit keys after
--                                              <after> ('' = from the first)
local step = ARGV[1]

if step == 'put' then
  redis.call('HSETNX', KEYS[1], 'owner', ARGV[2])
  redis.call('HSETNX', KEYS[1], 'created', ARGV[3])
  redis.call('ZADD', KEYS[2], 0, ARGV[4])
  redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
  redis.call('SET', KEYS[4], ARGV[6])
  return redis.call('HMGET', KEYS[1], 'owner', 'created')
elseif step == 'read' then
  local meta = redis.call('HGET', KEYS[3], ARGV[2])
  if not meta then
    return nil
  end
  return {meta, redis.call('GETRANGE', KEYS[4], ARGV[3], ARGV[4])}
elseif step == 'list' then
  local from = '-'
  if ARGV[2] ~= '' then
    from = '(' .. ARGV[2]
  end
  local names = redis.call('ZRANGEBYLEX', KEYS[2], from, '+', 'LIMIT', 0, tonumber(ARGV[3]))
  local out = {}
  for _, name in ipairs(names) do
    out[#out + 1] = name
    out[#out + 1] = redis.call('HGET', KEYS[3], name) or ''
  end
  return out
end
return redis.error_reply('unknown step ' .. tostring(step))
