-- scheduler/due_index.lua: the due index of a durable scheduler, which tells a claim which
-- partitions to look at, and the registry of its partitions, which a sweep re-indexes.
-- KEYS: 1 due         zset: partition, score at most the earliest due time of its items
--       2 versions    hash: partition -> the highest partition version (see scheduler.lua) applied
--       3 partitions  set: every partition that may hold items
-- ARGV: 1 mode, then for 'lower' and 'exact' triples of partition, version, due time (-1: none),
--       for 'forget' partitions, for 'forget_upto' pairs of partition and version.
--   lower:  a step of that version made an item due then; the score only ever goes down, and the
--           partition is registered.
--   exact:  the partition's earliest due time as of that version (read by a claim or a sweep). It
--           is applied only if no later version was applied yet: an older reading must not raise
--           the score over an item that a later step made due earlier.
--   forget: the partition was removed.
--   forget_upto: the partition was removed at that version by a script of its own, while another
--           step may have made it again since: forgotten only if no later version was applied (a
--           new partition's versions start above the old one's, see sched_add).
local K_DUE, K_VERSIONS, K_PARTITIONS = KEYS[1], KEYS[2], KEYS[3]
local mode = ARGV[1]
if mode == 'forget' then
  for i = 2, #ARGV do
    redis.call('ZREM', K_DUE, ARGV[i])
    redis.call('HDEL', K_VERSIONS, ARGV[i])
    redis.call('SREM', K_PARTITIONS, ARGV[i])
  end
  return 0
end
if mode == 'forget_upto' then
  for i = 2, #ARGV, 2 do
    local applied = tonumber(redis.call('HGET', K_VERSIONS, ARGV[i]) or '-1')
    if applied <= tonumber(ARGV[i + 1]) then
      redis.call('ZREM', K_DUE, ARGV[i])
      redis.call('HDEL', K_VERSIONS, ARGV[i])
      redis.call('SREM', K_PARTITIONS, ARGV[i])
    end
  end
  return 0
end
for i = 2, #ARGV, 3 do
  local partition, ver, at = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local applied = tonumber(redis.call('HGET', K_VERSIONS, partition) or '-1')
  if mode == 'exact' and ver >= applied then
    if at < 0 then
      redis.call('ZREM', K_DUE, partition)
    else
      redis.call('ZADD', K_DUE, at, partition)
    end
  elseif at >= 0 then
    redis.call('ZADD', K_DUE, 'LT', at, partition)
  end
  if mode == 'lower' then
    redis.call('SADD', K_PARTITIONS, partition)
  end
  if ver > applied then
    redis.call('HSET', K_VERSIONS, partition, ARGV[i + 1])
  end
end
return 0
