--@use common
-- documents/list.lua: the documents of one kind in one scope whose ids are in a range, in id order.
-- KEYS: 1 docs hash: id -> stored form; 2 ids zset, all scores 0 (id order)
-- ARGV: 1, 2 the ZRANGEBYLEX bounds
-- Returns id, stored form, id, stored form, ...
local ids = redis.call('ZRANGEBYLEX', KEYS[2], ARGV[1], ARGV[2])
local out = {}
for from = 1, #ids, CHUNK do
  local chunk = {unpack(ids, from, math.min(from + CHUNK - 1, #ids))}
  local docs = redis.call('HMGET', KEYS[1], unpack(chunk))
  for i, id in ipairs(chunk) do
    if docs[i] then
      out[#out + 1] = id
      out[#out + 1] = docs[i]
    end
  end
end
return out
