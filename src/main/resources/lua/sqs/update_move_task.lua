--@use sqs/queue
-- sqs/update_move_task.lua: compare-and-set of one move task's stored JSON.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: 1 task handle, 2 JSON the caller read, 3 new JSON
-- Returns -1 if there is no such task, 0 if it changed meanwhile (retry), 1 when stored.
local current = redis.call('HGET', K_TASK, ARGV[1])
if not current then
  return -1
end
if current ~= ARGV[2] then
  return 0
end
redis.call('HSET', K_TASK, ARGV[1], ARGV[3])
return 1
