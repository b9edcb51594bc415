--@use sqs/queue
-- sqs/counts.lua: approximate message counts after expiring and promoting messages as of now.
-- Delayed and in-flight messages already due that the bounded promotion left for later calls count
-- as visible.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now
-- Returns nil if the queue is gone, else {visible, in flight, delayed, oldest sent timestamp or -1}.
local now = tonumber(ARGV[1])
local retention, fifo = open_queue(now)
if not retention then
  return false
end
local oldest = redis.call('ZRANGE', K_SENT, 0, 0, 'WITHSCORES')[2]
local due_inflight = redis.call('ZCOUNT', K_INFLIGHT, '-inf', now)
local due_delayed = redis.call('ZCOUNT', K_DELAYED, '-inf', now)
return { redis.call('ZCARD', K_READY) + due_inflight + due_delayed, redis.call('ZCARD', K_INFLIGHT) - due_inflight,
  redis.call('ZCARD', K_DELAYED) - due_delayed, oldest and tonumber(oldest) or -1 }
