-- swf/execution.lua: a history transaction on one run of a workflow execution; ARGV[1] names the
-- step. Answers DONE, or EXISTS (start: the workflowId has an open run) or CONFLICT (commit: the run
-- is not at the expected version, or gone).
--
-- KEYS, all under the workflowId's hash tag {wf:<region>/<account>/<domain>/<workflowId>}:
--   1 open         string: the runId of the workflowId's open run
--   2 run:<runId>  hash: st (the state, JSON), ver (transactions committed)
--   3 events:<runId>  list: the history, event JSON, eventId = index + 1
--
-- start <runId> <state> <event>...
-- commit <runId> <version> <state> <closed 0|1> <event>...
-- continue <runId> <version> <state> <newRunId> <newState> <n> <event>*n <newEvent>...
--   (continue-as-new: KEYS 4 and 5 are the new run's hash and history) closes the run and starts
--   the new one as the workflowId's open run

local step = ARGV[1]
if step == 'start' then
  if redis.call('EXISTS', KEYS[1]) == 1 then
    return 'EXISTS'
  end
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('HSET', KEYS[2], 'st', ARGV[3], 'ver', 1)
  if #ARGV > 3 then
    redis.call('RPUSH', KEYS[3], unpack(ARGV, 4))
  end
  return 'DONE'
end

if step == 'commit' then
  if redis.call('HGET', KEYS[2], 'ver') ~= ARGV[3] then
    return 'CONFLICT'
  end
  redis.call('HSET', KEYS[2], 'st', ARGV[4])
  redis.call('HINCRBY', KEYS[2], 'ver', 1)
  if ARGV[5] == '1' and redis.call('GET', KEYS[1]) == ARGV[2] then
    redis.call('DEL', KEYS[1])
  end
  if #ARGV > 5 then
    redis.call('RPUSH', KEYS[3], unpack(ARGV, 6))
  end
  return 'DONE'
end

if step == 'continue' then
  if redis.call('HGET', KEYS[2], 'ver') ~= ARGV[3] then
    return 'CONFLICT'
  end
  redis.call('HSET', KEYS[2], 'st', ARGV[4])
  redis.call('HINCRBY', KEYS[2], 'ver', 1)
  local n = tonumber(ARGV[7])
  if n > 0 then
    redis.call('RPUSH', KEYS[3], unpack(ARGV, 8, 7 + n))
  end
  redis.call('SET', KEYS[1], ARGV[5])
  redis.call('HSET', KEYS[4], 'st', ARGV[6], 'ver', 1)
  if #ARGV > 7 + n then
    redis.call('RPUSH', KEYS[5], unpack(ARGV, 8 + n))
  end
  return 'DONE'
end

return redis.error_reply('unknown step ' .. tostring(step))
