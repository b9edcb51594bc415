--@use common
--@use scheduler
-- swf/execution.lua: a history transaction on one run of a workflow execution, with the deadlines it
-- sets and drops, in one step. ARGV[1] names the step. Answers {'DONE', version, lowest}, where version
-- is sched_added's (0, or the deadline partition's new version when the step made an item due
-- earlier than all it had: the due index must be lowered to lowest), or 'EXISTS' (start: the workflowId
-- has an open run) or 'CONFLICT' (commit, continue: the run is not at the expected version, or gone).
--
-- KEYS, all under the workflowId's hash tag {wf:<region>/<account>/<domain>/<workflowId>}:
--   1..6 the workflowId's partition of the swf-timers scheduler (see scheduler.lua): its runs'
--        deadlines (timers, timeouts, retention) and the work each commit leaves to do after it
--   7  open          string: the runId of the workflowId's open run
--   8  run:<runId>   hash: st (the state, JSON), ver (transactions committed)
--   9  events:<runId>  list: the history, event JSON, eventId = index + 1
--   10, 11 (continue) the new run's hash and history
--
-- ARGV: step, now, runId, then per step
--   start    <state> <events> <deadlines>
--   commit   <version> <state> <closed 0|1> <events> <deadlines>
--   continue <version> <state> <events> <newRunId> <newState> <newEvents> <deadlines>
--                     closes the run and starts the new one as the workflowId's open run
--   delete   <retention item id>
--            -> {1} when the run was there and is not open (its state and history removed, and its
--            retention item), {2, version} when the workflowId is then left with no open run and no
--            deadline (its partition, of that version, removed too: the caller unregisters it from the
--            due index unless a start made it again meanwhile), else {0}
-- where <events> is a count n then n event JSONs, and <deadlines> is a count a then a quadruples
-- (item id, due time, holder or '', payload) to add, then a count r then r item ids to remove.
local P = sched_partition(1)
local OPEN, RUN, EVENTS = KEYS[7], KEYS[8], KEYS[9]
local step = ARGV[1]
local now = tonumber(ARGV[2])
local runId = ARGV[3]
local at = 4

local function arg()
  local v = ARGV[at]
  at = at + 1
  return v
end

local function append_events(list)
  local n = tonumber(arg())
  if n > 0 then
    redis.call('RPUSH', list, unpack(ARGV, at, at + n - 1))
  end
  at = at + n
end

local function deadlines()
  local added = tonumber(arg())
  for _ = 1, added do
    local id, due, holder, payload = arg(), tonumber(arg()), arg(), arg()
    sched_add(P, now, id, '', 0, due, holder, id, payload)
  end
  local removed = tonumber(arg())
  for _ = 1, removed do
    sched_remove(P, arg())
  end
  return { 'DONE', sched_added(P), P.lowest }
end

if step == 'start' then
  if redis.call('EXISTS', OPEN) == 1 then
    return 'EXISTS'
  end
  redis.call('SET', OPEN, runId)
  redis.call('HSET', RUN, 'st', arg(), 'ver', 1)
  append_events(EVENTS)
  return deadlines()
end

if step == 'delete' then
  if redis.call('EXISTS', RUN) == 0 or redis.call('GET', OPEN) == runId then
    return { 0 }
  end
  redis.call('DEL', RUN, EVENTS)
  sched_remove(P, ARGV[4])
  if redis.call('EXISTS', OPEN) == 0 and sched_earliest(P) < 0 then
    local version = sched_version(P)
    sched_drop(P)
    return { 2, version }
  end
  return { 1 }
end

if step ~= 'commit' and step ~= 'continue' then
  return redis.error_reply('unknown step ' .. tostring(step))
end
if redis.call('HGET', RUN, 'ver') ~= arg() then
  return 'CONFLICT'
end
redis.call('HSET', RUN, 'st', arg())
redis.call('HINCRBY', RUN, 'ver', 1)

if step == 'commit' then
  if arg() == '1' and redis.call('GET', OPEN) == runId then
    redis.call('DEL', OPEN)
  end
  append_events(EVENTS)
  return deadlines()
end

if step == 'continue' then
  append_events(EVENTS)
  redis.call('SET', OPEN, arg())
  redis.call('HSET', KEYS[10], 'st', arg(), 'ver', 1)
  append_events(KEYS[11])
  return deadlines()
end
