-- One step on the enhanced fan-out consumers of one stream generation.
-- KEYS[1] consumers (hash): <name> = the consumer as JSON, gone:<name> = when its deregistration
--         completes (epoch millis); consumers past it are dropped by the next step
-- ARGV[1] step, ARGV[2] now, then the step's arguments:
--   register <name> <json> <limit> -> 'STORED', 'NAME_IN_USE' or 'LIMIT_REACHED'
--   deregister <name> <goneMillis> -> {json, gone}, or nil when there is no such consumer
local key = KEYS[1]
local step = ARGV[1]
local now = tonumber(ARGV[2])

local live = {}
local count = 0
for _, field in ipairs(redis.call('HKEYS', key)) do
  if string.sub(field, 1, 5) ~= 'gone:' then
    local gone = redis.call('HGET', key, 'gone:' .. field)
    if gone and tonumber(gone) <= now then
      redis.call('HDEL', key, field, 'gone:' .. field)
    else
      live[field] = true
      count = count + 1
    end
  end
end

if step == 'register' then
  if live[ARGV[3]] then
    return 'NAME_IN_USE'
  end
  if count >= tonumber(ARGV[5]) then
    return 'LIMIT_REACHED'
  end
  redis.call('HSET', key, ARGV[3], ARGV[4])
  return 'STORED'
end

-- deregister
local name = ARGV[3]
if not live[name] then
  return nil
end
local gone = redis.call('HGET', key, 'gone:' .. name)
if not gone then
  gone = ARGV[4]
  redis.call('HSET', key, 'gone:' .. name, gone)
end
return {redis.call('HGET', key, name), gone}
