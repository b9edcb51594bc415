-- common.lua: helpers any script may use (--@use common). Knows no service.

-- separator inside composite members and fields (never part of an id or a name)
local SEP = '\0'
-- how many members a loop takes from a sorted set per step
local CHUNK = 256

-- A sequence number as 20 zero-padded digits, so that its text sorts as its value.
local function pad(seq)
  return string.format('%020d', seq)
end

-- Forgets the entries of a hash whose expiry time (their score in zset) is now or earlier: all of
-- them, or at most limit (then later calls forget the rest, and readers must check expiry themselves).
local function expire_entries(hash, zset, now, limit)
  local left = limit or math.huge
  while left > 0 do
    local expired = redis.call('ZRANGEBYSCORE', zset, '-inf', now, 'LIMIT', 0, math.min(CHUNK, left))
    if #expired == 0 then
      return
    end
    redis.call('HDEL', hash, unpack(expired))
    redis.call('ZREM', zset, unpack(expired))
    left = left - #expired
  end
end

-- Runs the step ARGV[1] names among steps (step name -> function) and answers its result; an
-- unknown name is an error naming what the script serves (e.g. 'SNS topic').
local function run_step(steps, what)
  local step = steps[ARGV[1]]
  if not step then
    return redis.error_reply('unknown ' .. what .. ' step ' .. tostring(ARGV[1]))
  end
  return step()
end
