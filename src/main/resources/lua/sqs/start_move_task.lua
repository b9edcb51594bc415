--@use sqs/queue
-- sqs/start_move_task.lua: records a new message move task for this (source) queue unless one of its
-- tasks is active; keeps the newest tasks.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: 1 task handle, 2 task JSON (with a "status" member), 3 how many tasks are kept, 4.. the names of
--       the active statuses
-- Returns {0} when another task is active (nothing stored), else {1, handles of evicted tasks...}.
local kept = tonumber(ARGV[3])
local active = {}
for i = 4, #ARGV do
  active[ARGV[i]] = true
end
for _, handle in ipairs(redis.call('LRANGE', K_TASKS, 0, -1)) do
  local json = redis.call('HGET', K_TASK, handle)
  if json and active[cjson.decode(json).status] then
    return { 0 }
  end
end
redis.call('LPUSH', K_TASKS, ARGV[1])
redis.call('HSET', K_TASK, ARGV[1], ARGV[2])
local out = { 1 }
for _, handle in ipairs(redis.call('LRANGE', K_TASKS, kept, -1)) do
  redis.call('HDEL', K_TASK, handle)
  out[#out + 1] = handle
end
redis.call('LTRIM', K_TASKS, 0, kept - 1)
return out
