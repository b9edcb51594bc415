--@use sqs/queue
-- sqs/update_move_task.lua: applies a move task change (QueueStore.MoveTaskChange states the rules; the
-- in-memory store applies the same ones in Java) to one task in one step.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: 1 task handle, 2 change JSON {statuses = {from = to}, leaseOwner (absent: no claim), leaseUntil,
--       now, moved, failureReason (or absent)}, 3 the name of the failed status, 4.. the names of the
--       active statuses
-- Returns {-1} if there is no such task, {0, stored JSON} when the change declines, {1, new JSON}.
local handle = ARGV[1]
local raw = redis.call('HGET', K_TASK, handle)
if not raw then
  return { -1 }
end
local change, failed = cjson.decode(ARGV[2]), ARGV[3]
local active = {}
for i = 4, #ARGV do
  active[ARGV[i]] = true
end
local t = cjson.decode(raw)
local next_status = change.statuses[t.status]
if not next_status then
  return { 0, raw }
end
if change.leaseOwner then
  if t.leaseOwner ~= cjson.null and t.leaseOwner ~= change.leaseOwner and t.leaseUntil > change.now then
    return { 0, raw }
  end
  t.leaseOwner = change.leaseOwner
  t.leaseUntil = change.leaseUntil
end
if next_status ~= failed then
  t.failureReason = cjson.null
elseif t.status ~= failed then
  t.failureReason = change.failureReason or cjson.null
end
t.status = next_status
t.moved = t.moved + change.moved
if not active[next_status] then
  t.leaseOwner = cjson.null
  t.leaseUntil = 0
end
local json = cjson.encode(t)
redis.call('HSET', K_TASK, handle, json)
return { 1, json }
