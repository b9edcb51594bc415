--@use kinesis/shard
-- Appends records to one shard's Redis stream and trims what is past retention.
-- KEYS[1] records (stream): entry id = <arrival millis>-<number within that millisecond>,
--         fields k = partition key, d = data, s = 1 when the data is sealed (absent otherwise)
-- KEYS[2] end (string): the shard's end, set when kinesis/seal.lua sealed it
-- ARGV[1] now (epoch millis), ARGV[2] oldest arrival retained, then partition key, data, sealed ('1' or '')
--         triples
-- -> the ids of the new entries, in order; nil when the shard is sealed (nothing stored)
local key = KEYS[1]
if redis.call('EXISTS', KEYS[2]) == 1 then
  return nil
end
local millis = arrival_millis(key, tonumber(ARGV[1]))
local id = string.format('%d', millis) .. '-*'
local ids = {}
for i = 3, #ARGV, 3 do
  if ARGV[i + 2] == '1' then
    ids[#ids + 1] = redis.call('XADD', key, id, 'k', ARGV[i], 'd', ARGV[i + 1], 's', '1')
  else
    ids[#ids + 1] = redis.call('XADD', key, id, 'k', ARGV[i], 'd', ARGV[i + 1])
  end
end
redis.call('XTRIM', key, 'MINID', ARGV[2])
return ids
