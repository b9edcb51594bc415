--@use sqs/queue
-- sqs/delete_messages.lua: deletes each message whose newest receipt token matches; a stale token or a
-- message already gone deletes nothing.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, then per handle 2 values: message id, receipt token
-- Returns nil if the queue is gone, else per handle 1 (deleted) or 0.
local now = tonumber(ARGV[1])
local retention, fifo = open_queue(now)
if not retention then
  return false
end
local out = {}
for i = 2, #ARGV, 2 do
  local id, token = ARGV[i], ARGV[i + 1]
  local m = load_msg(id)
  if m and m[F_TOKEN] ~= '' and m[F_TOKEN] == token then
    remove_msg(id, m, fifo)
    out[#out + 1] = 1
  else
    out[#out + 1] = 0
  end
end
return out
