--@use kinesis/shard
-- Seals one shard of a stream being resharded: kinesis/append.lua stores nothing in it afterwards.
-- KEYS[1] records (stream): the shard's records (see append.lua)
-- KEYS[2] end (string): the arrival millisecond of its end, once sealed
-- ARGV[1] now (epoch millis)
-- -> the end: the arrival millis of its last record or now, whichever is later; the same when sealed again
local ending = redis.call('GET', KEYS[2])
if ending then
  return ending
end
ending = string.format('%d', arrival_millis(KEYS[1], tonumber(ARGV[1])))
redis.call('SET', KEYS[2], ending)
return ending
