--@use sqs/queue
-- sqs/restore_transfer.lua: ends pending transfers whose target queue is gone by putting the messages
-- back into this (the source) queue, visible, keeping their sent timestamp and source ARN.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, then per transfer 2 values: message id, transfer id
-- Returns the number of messages put back.
local now = tonumber(ARGV[1])
local retention, fifo = queue_info()
local restored = 0
for i = 2, #ARGV, 2 do
  local id = ARGV[i]
  local rec = take_pending(id, ARGV[i + 1])
  if rec and retention and redis.call('HEXISTS', K_MSG, id) == 0 then
    insert_msg(id, rec[3], rec[4], rec[5], rec[9], rec[10], now, now, fifo)
    restored = restored + 1
  end
end
return restored
