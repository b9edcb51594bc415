--@use common
-- swf/visibility.lua: every step on one SWF domain's visibility index; ARGV[1] names the step (see
-- the functions at the end). The entries are built in Java (VisibilityEntries): here they are only
-- added, removed and read by range.
--
-- KEYS, all under the domain's hash tag {vis:<region>/<account>/<domain>}:
--   1 idx  sorted set, every score 0: the entries of the domain's runs, read by lexicographic range
--   2 sum  hash: member (<workflowId>\n<runId>) -> the run's summary, JSON
--   3 ent  hash: member -> 'o' (open) or 'c' (closed), then the JSON list of the run's entries

local IDX, SUM, ENT = KEYS[1], KEYS[2], KEYS[3]

local function hold(member, summary, state, first)
  local entries = {}
  for i = first, #ARGV do
    entries[#entries + 1] = 0
    entries[#entries + 1] = ARGV[i]
  end
  if #entries > 0 then
    redis.call('ZADD', IDX, unpack(entries))
  end
  redis.call('HSET', SUM, member, summary)
  redis.call('HSET', ENT, member, state)
end

local function forget(member)
  local held = redis.call('HGET', ENT, member)
  if not held then
    return
  end
  local entries = cjson.decode(string.sub(held, 2))
  if #entries > 0 then
    redis.call('ZREM', IDX, unpack(entries))
  end
  redis.call('HDEL', ENT, member)
  redis.call('HDEL', SUM, member)
end

-- Forgets up to CHUNK runs whose entries lie in [low, high) (closed before retention); true if
-- there may be more.
local function prune(low, high, offset)
  if low == '' then
    return false
  end
  local expired = redis.call('ZRANGEBYLEX', IDX, low, high, 'LIMIT', 0, CHUNK)
  for _, entry in ipairs(expired) do
    forget(string.sub(entry, offset + 1))
  end
  return #expired == CHUNK
end

-- opened <member> <summary> <state> <entry>...: adds the run unless it is held
local function opened()
  if redis.call('HEXISTS', ENT, ARGV[2]) == 1 then
    return 'DONE'
  end
  hold(ARGV[2], ARGV[3], ARGV[4], 5)
  return 'DONE'
end

-- closed <member> <summary> <state> <entry>...: holds the run as closed, in place of what was held
local function closed()
  if redis.call('HGET', ENT, ARGV[2]) == ARGV[4] then
    return 'DONE'
  end
  forget(ARGV[2])
  hold(ARGV[2], ARGV[3], ARGV[4], 5)
  return 'DONE'
end

-- changed <member> <summary>: the open run's new summary
local function changed()
  local held = redis.call('HGET', ENT, ARGV[2])
  if held and string.sub(held, 1, 1) == 'o' then
    redis.call('HSET', SUM, ARGV[2], ARGV[3])
  end
  return 'DONE'
end

-- removed <member>
local function removed()
  forget(ARGV[2])
  return 'DONE'
end

-- page <pruneLow> <pruneHigh> <pruneOffset> <low> <high> <newestFirst 0|1> <limit> <offset>:
-- {'PRUNING'} when runs past retention are still to be forgotten (call again), else {'PAGE', summary...}
local function page()
  if prune(ARGV[2], ARGV[3], tonumber(ARGV[4])) then
    return {'PRUNING'}
  end
  local entries
  if ARGV[7] == '1' then
    entries = redis.call('ZREVRANGEBYLEX', IDX, ARGV[6], ARGV[5], 'LIMIT', 0, tonumber(ARGV[8]))
  else
    entries = redis.call('ZRANGEBYLEX', IDX, ARGV[5], ARGV[6], 'LIMIT', 0, tonumber(ARGV[8]))
  end
  local answer = {'PAGE'}
  if #entries == 0 then
    return answer
  end
  local offset = tonumber(ARGV[9])
  local members = {}
  for i, entry in ipairs(entries) do
    members[i] = string.sub(entry, offset + 1)
  end
  local summaries = redis.call('HMGET', SUM, unpack(members))
  for i = 1, #members do
    if summaries[i] then
      answer[#answer + 1] = summaries[i]
    end
  end
  return answer
end

-- count <pruneLow> <pruneHigh> <pruneOffset> <low> <high>: {'PRUNING'} as page, else {'COUNT', n}
local function count()
  if prune(ARGV[2], ARGV[3], tonumber(ARGV[4])) then
    return {'PRUNING'}
  end
  return {'COUNT', redis.call('ZLEXCOUNT', IDX, ARGV[5], ARGV[6])}
end

return run_step({opened = opened, closed = closed, changed = changed, removed = removed, page = page,
  count = count}, 'SWF visibility')
