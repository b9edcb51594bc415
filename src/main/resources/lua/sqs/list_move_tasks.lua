--@use sqs/queue
-- sqs/list_move_tasks.lua: the JSON of this (source) queue's move tasks, newest first.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: none
-- Returns a list of task JSON strings.
local out = {}
for _, handle in ipairs(redis.call('LRANGE', K_TASKS, 0, -1)) do
  local json = redis.call('HGET', K_TASK, handle)
  if json then
    out[#out + 1] = json
  end
end
return out
