--@use common
-- documents/delete_all.lua: deletes the documents of one kind in one scope whose ids are in a range.
-- KEYS: 1 docs hash: id -> stored form; 2 ids zset, all scores 0 (id order)
-- ARGV: 1, 2 the ZRANGEBYLEX bounds
-- Returns how many documents were deleted.
local deleted = 0
while true do
  local ids = redis.call('ZRANGEBYLEX', KEYS[2], ARGV[1], ARGV[2], 'LIMIT', 0, CHUNK)
  if #ids == 0 then
    return deleted
  end
  deleted = deleted + redis.call('HDEL', KEYS[1], unpack(ids))
  redis.call('ZREM', KEYS[2], unpack(ids))
end
