-- Appends records to one shard's Redis stream and trims what is past retention.
-- KEYS[1] records (stream): entry id = <arrival millis>-<number within that millisecond>,
--         fields k = partition key, d = data
-- ARGV[1] now (epoch millis), ARGV[2] oldest arrival retained, then partition key, data pairs
-- -> the ids of the new entries, in order
local key = KEYS[1]
local now = tonumber(ARGV[1])
local millis = now
local tail = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)
if tail[1] then
  local last = tonumber(string.match(tail[1][1], '^(%d+)-'))
  if last > millis then
    millis = last
  end
end
local id = string.format('%d', millis) .. '-*'
local ids = {}
for i = 3, #ARGV, 2 do
  ids[#ids + 1] = redis.call('XADD', key, id, 'k', ARGV[i], 'd', ARGV[i + 1])
end
redis.call('XTRIM', key, 'MINID', ARGV[2])
return ids
