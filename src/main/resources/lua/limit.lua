-- One step on a group of token buckets (Kinesis throughput and call-rate limits, Firehose Direct PUT quota).
-- KEYS[1] buckets (hash): <rate> = level in thousandths of a unit, <rate>@ = when it was last refilled
--         (epoch millis, never moved back); a bucket absent is full; the hash expires a minute after
--         every bucket would be full again (by then it reads as full anyway), so every step on a group
--         names all its rates
-- ARGV[1] step ('take' or 'charge'), ARGV[2] now, ARGV[3] n rates, then n (name, per second, burst), then
--   take: n costs per request, any number of requests -> 1 (taken) or 0 per request, in order; a request
--         is taken when every bucket holds its cost, and more than nothing
--   charge: n costs, taken whatever the buckets hold (they may go below zero) -> {}
local key = KEYS[1]
local step = ARGV[1]
local now = tonumber(ARGV[2])
local n = tonumber(ARGV[3])

local names, rates, capacities, levels, ats = {}, {}, {}, {}, {}
for j = 1, n do
  names[j] = ARGV[1 + 3 * j]
  rates[j] = tonumber(ARGV[2 + 3 * j])
  capacities[j] = tonumber(ARGV[3 + 3 * j]) * 1000
  local capacity = capacities[j]
  local stored = redis.call('HMGET', key, names[j], names[j] .. '@')
  if stored[1] then
    local at = tonumber(stored[2])
    local level = tonumber(stored[1])
    if now > at then
      level = level + (now - at) * rates[j]
    end
    levels[j] = math.min(capacity, level)
    ats[j] = math.max(at, now)
  else
    levels[j] = capacity
    ats[j] = now
  end
end

local first = 4 + 3 * n
local answer = {}
if step == 'take' then
  for i = first, #ARGV, n do
    local fits = true
    for j = 1, n do
      if levels[j] < math.max(1, tonumber(ARGV[i + j - 1]) * 1000) then
        fits = false
      end
    end
    if fits then
      for j = 1, n do
        levels[j] = levels[j] - tonumber(ARGV[i + j - 1]) * 1000
      end
    end
    answer[#answer + 1] = fits and 1 or 0
  end
else
  for j = 1, n do
    levels[j] = levels[j] - tonumber(ARGV[first + j - 1]) * 1000
  end
end

local ttl = 0
for j = 1, n do
  redis.call('HSET', key, names[j], string.format('%d', levels[j]), names[j] .. '@', string.format('%d', ats[j]))
  local toFull = math.ceil((capacities[j] - levels[j]) / rates[j])
  if toFull > ttl then
    ttl = toFull
  end
end
redis.call('PEXPIRE', key, ttl + 60000)
return answer
