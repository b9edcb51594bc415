--@use documents/lib
-- documents/delete.lua: deletes one document if the conditions hold (see lib.lua).
-- KEYS: 1 docs hash: id -> stored form; 2 ids zset, all scores 0 (id order)
-- ARGV: 1 id, 2 number of conditions, then the conditions
-- Returns {'applied', deleted stored form}, {'refused', stored form} or {'missing'}.
local id = ARGV[1]
local json = redis.call('HGET', KEYS[1], id)
if not json then
  return {'missing'}
end
if not doc_holds(cjson.decode(json), 3, tonumber(ARGV[2])) then
  return {'refused', json}
end
redis.call('HDEL', KEYS[1], id)
redis.call('ZREM', KEYS[2], id)
return {'applied', json}
