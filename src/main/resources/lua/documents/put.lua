-- documents/put.lua: stores a document of one kind in one scope.
-- KEYS: 1 docs hash: id -> stored form; 2 ids zset, all scores 0 (id order)
-- ARGV: 1 id, 2 stored form, 3 '1' to keep an existing document
-- Returns the stored form now stored.
local id = ARGV[1]
if ARGV[3] == '1' then
  local existing = redis.call('HGET', KEYS[1], id)
  if existing then
    return existing
  end
end
redis.call('HSET', KEYS[1], id, ARGV[2])
redis.call('ZADD', KEYS[2], 0, id)
return ARGV[2]
