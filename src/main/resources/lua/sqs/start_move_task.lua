--@use sqs/queue
-- sqs/start_move_task.lua: records a new message move task for this (source) queue unless one of its
-- tasks is RUNNING or CANCELLING; keeps the 10 newest tasks.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: 1 task handle, 2 task JSON (with a "status" member)
-- Returns {0} when another task is active (nothing stored), else {1, handles of evicted tasks...}.
local TASKS_KEPT = 10
for _, handle in ipairs(redis.call('LRANGE', K_TASKS, 0, -1)) do
  local json = redis.call('HGET', K_TASK, handle)
  if json then
    local status = cjson.decode(json).status
    if status == 'RUNNING' or status == 'CANCELLING' then
      return { 0 }
    end
  end
end
redis.call('LPUSH', K_TASKS, ARGV[1])
redis.call('HSET', K_TASK, ARGV[1], ARGV[2])
local out = { 1 }
for _, handle in ipairs(redis.call('LRANGE', K_TASKS, TASKS_KEPT, -1)) do
  redis.call('HDEL', K_TASK, handle)
  out[#out + 1] = handle
end
redis.call('LTRIM', K_TASKS, 0, TASKS_KEPT - 1)
return out
