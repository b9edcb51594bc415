-- kinesis/shard.lua: helpers of the scripts on one shard's records (--@use kinesis/shard).

-- The arrival millisecond of what is stored now in the shard's Redis stream key: now, or its last
-- entry's millisecond if that is later (a clock that went back never reorders a shard).
local function arrival_millis(key, now)
  local millis = now
  local tail = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
  if tail[1] then
    local last = tonumber(string.match(tail[1][1], '^(%d+)-'))
    if last > millis then
      millis = last
    end
  end
  return millis
end
