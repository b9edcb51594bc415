--@use documents/lib
-- documents/update.lua: applies an update to one document (see lib.lua for the steps).
-- KEYS: 1 docs hash: id -> stored form; 2 ids zset, all scores 0 (id order)
-- ARGV: 1 id, 2 stored form to create a missing document from ('': leave it missing),
--       3 how many documents the kind may hold in the scope for that creation,
--       4 number of steps, then the steps (conditions first)
-- Returns {'applied', stored form}, {'refused', stored form}, {'missing'} or {'full'}.
local id, initial, count = ARGV[1], ARGV[2], tonumber(ARGV[4])
local json = redis.call('HGET', KEYS[1], id)
if not json then
  if initial == '' then
    return {'missing'}
  end
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then
    return {'full'}
  end
  json = initial
  redis.call('HSET', KEYS[1], id, json)
  redis.call('ZADD', KEYS[2], 0, id)
end
local doc = cjson.decode(json)
if not doc_holds(doc, 5, count) then
  return {'refused', json}
end
doc_apply(doc, 5, count)
json = cjson.encode(doc)
redis.call('HSET', KEYS[1], id, json)
return {'applied', json}
