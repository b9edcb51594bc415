--@use sqs/queue
-- sqs/counts.lua: approximate message counts after expiring and promoting messages as of now.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now
-- Returns nil if the queue is gone, else {visible, in flight, delayed, oldest sent timestamp or -1}.
local now = tonumber(ARGV[1])
local retention, fifo = open_queue(now)
if not retention then
  return false
end
local oldest = redis.call('ZRANGE', K_SENT, 0, 0, 'WITHSCORES')[2]
return { redis.call('ZCARD', K_READY), redis.call('ZCARD', K_INFLIGHT), redis.call('ZCARD', K_DELAYED),
  oldest and tonumber(oldest) or -1 }
