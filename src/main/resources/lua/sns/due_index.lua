-- sns/due_index.lua: the due index of SNS outboxes, which tells claimDue which topics to look at.
-- KEYS: 1 due  zset: topic ARN, score at most the earliest due time of that topic's outbox
--       2 ver  hash: topic ARN -> the highest outbox version (see sns/topic.lua) applied here
-- ARGV: 1 mode, then for 'lower' and 'exact' triples of topic ARN, outbox version, due time (-1:
--       none), for 'forget' topic ARNs.
--   lower:  a step of that version made a delivery due then; the score only ever goes down.
--   exact:  the topic's earliest due time as of that version (read by a claim or a sweep). It is
--           applied only if no later version was applied yet: an older reading must not raise the
--           score over a delivery that a later publish made due earlier.
--   forget: the topic is deleted.
local K_INDEX_DUE, K_INDEX_VER = KEYS[1], KEYS[2]
local mode = ARGV[1]
if mode == 'forget' then
  for i = 2, #ARGV do
    redis.call('ZREM', K_INDEX_DUE, ARGV[i])
    redis.call('HDEL', K_INDEX_VER, ARGV[i])
  end
  return 0
end
for i = 2, #ARGV, 3 do
  local topic, ver, at = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
  local applied = tonumber(redis.call('HGET', K_INDEX_VER, topic) or '-1')
  if mode == 'exact' and ver >= applied then
    if at < 0 then
      redis.call('ZREM', K_INDEX_DUE, topic)
    else
      redis.call('ZADD', K_INDEX_DUE, at, topic)
    end
  elseif at >= 0 then
    redis.call('ZADD', K_INDEX_DUE, 'LT', at, topic)
  end
  if ver > applied then
    redis.call('HSET', K_INDEX_VER, topic, ARGV[i + 1])
  end
end
return 0
