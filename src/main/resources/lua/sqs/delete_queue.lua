--@use sqs/queue
-- sqs/delete_queue.lua: deletes the queue, its messages, pending transfers and move tasks, and records
-- the deletion time for the deleted-recently rule of create_queue.lua.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 how long the deletion marker is kept (ms)
-- Returns nil if the queue did not exist, else {1, handles of the deleted move tasks...}.
if redis.call('EXISTS', K_META) == 0 then
  return false
end
local out = { 1 }
for _, handle in ipairs(redis.call('LRANGE', K_TASKS, 0, -1)) do
  out[#out + 1] = handle
end
for i = 1, 19 do
  redis.call('UNLINK', KEYS[i])
end
-- The marker outlives the deleted-recently rule by far; the expiry only collects garbage.
redis.call('SET', K_DELETED, ARGV[1], 'PX', ARGV[2])
return out
