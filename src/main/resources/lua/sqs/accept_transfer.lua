--@use sqs/queue
-- sqs/accept_transfer.lua: step 2 of a cross-queue move: inserts transferred messages into this (the
-- target) queue, visible at once with a new sequence number. Idempotent: a transfer id accepted
-- before, or a message id already here, inserts nothing.
-- KEYS: the target queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, then per transfer 7 values: transfer id, message id, payload, group, dedup,
--       sent timestamp, dead-letter source ARN ("" if none)
-- Returns nil if the target queue is gone (nothing inserted), else the number of transfers handled.
local now = tonumber(ARGV[1])
local retention, fifo = queue_info()
if not retention then
  return false
end
redis.call('ZREMRANGEBYSCORE', K_XIN, '-inf', now - XIN_KEEP_MS)
local handled = 0
for i = 2, #ARGV, 7 do
  local tid, id = ARGV[i], ARGV[i + 1]
  if not redis.call('ZSCORE', K_XIN, tid) and redis.call('HEXISTS', K_MSG, id) == 0 then
    insert_msg(id, ARGV[i + 2], ARGV[i + 3], ARGV[i + 4], tonumber(ARGV[i + 5]), ARGV[i + 6], now, now, fifo)
  end
  redis.call('ZADD', K_XIN, now, tid)
  handled = handled + 1
end
return handled
