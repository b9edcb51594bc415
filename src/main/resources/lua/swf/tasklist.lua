-- swf/tasklist.lua: one SWF task list, under its hash tag {tl:<region>/<account>/<domain>/<d|a>/<name>}.
-- KEYS[1] tasks (zset): score = -priority, member = 16-digit sequence .. task JSON (with its priority),
--         so that the lowest score hands out the highest priority first and, within one, the first queued
-- KEYS[2] seq (string): the last sequence given
-- KEYS[3] taken (zset): members taken and not yet acknowledged, score = when taken (epoch ms)
-- queue   <priority> <task> <priority> <task> ...  appends each behind those of its priority
-- take    <now> <takenMillis> -> the member taken (its receipt), or nil; first puts back (at most a
--         few per call) the members taken before now - takenMillis, in their old places
-- ack     <member>                                  forgets a taken member
-- release <member>                                  puts a taken member back in its place
local SEQUENCE_DIGITS = 16

local function restore(member)
  local task = cjson.decode(string.sub(member, SEQUENCE_DIGITS + 1))
  redis.call('ZADD', KEYS[1], -(tonumber(task.priority) or 0), member)
end

local step = ARGV[1]
if step == 'queue' then
  for i = 2, #ARGV, 2 do
    local seq = redis.call('INCR', KEYS[2])
    redis.call('ZADD', KEYS[1], -tonumber(ARGV[i]), string.format('%016d', seq) .. ARGV[i + 1])
  end
  return 'DONE'
end
if step == 'take' then
  local now = tonumber(ARGV[2])
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[3]), 'LIMIT', 0, 16)
  for _, member in ipairs(expired) do
    redis.call('ZREM', KEYS[3], member)
    restore(member)
  end
  local first = redis.call('ZPOPMIN', KEYS[1])
  if #first == 0 then
    return false
  end
  redis.call('ZADD', KEYS[3], now, first[1])
  return first[1]
end
if step == 'ack' then
  redis.call('ZREM', KEYS[3], ARGV[2])
  return 'DONE'
end
if step == 'release' then
  if redis.call('ZREM', KEYS[3], ARGV[2]) == 1 then
    restore(ARGV[2])
  end
  return 'DONE'
end
return redis.error_reply('unknown step ' .. tostring(step))
