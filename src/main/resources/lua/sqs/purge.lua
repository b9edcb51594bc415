--@use sqs/queue
-- sqs/purge.lua: deletes every message of the queue, unless it was purged less than the purge interval
-- before now.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 purge interval ms
-- Returns nil if the queue is gone, 0 if purged too recently, else 1.
local now = tonumber(ARGV[1])
local last = redis.call('HMGET', K_META, 'version', 'lastPurge')
if not last[1] then
  return false
end
if last[2] and now - tonumber(last[2]) < tonumber(ARGV[2]) then
  return 0
end
redis.call('HSET', K_META, 'lastPurge', ARGV[1])
for _, key in ipairs({ K_MSG, K_PAY, K_READY, K_DELAYED, K_INFLIGHT, K_SENT, K_GREADY, K_AVAIL, K_GFLIGHT,
                       K_ATTEMPT, K_ATTEMPTEXP }) do
  redis.call('UNLINK', key)
end
return 1
