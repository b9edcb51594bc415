--@use sqs/queue
--@use record
-- sqs/update_queue.lua: applies a record change (see record.lua) to the queue's attributes and tags in
-- one step; an applied change raises the version. The caller derives the stamps from the change.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 change JSON, 2 modified time ("": keep), 3 retention ms ("": keep)
-- Returns nil when the queue is gone, else {status, attrs, tags, created, modified, version}: the
-- stored record, unchanged unless the status is APPLIED.
local meta = redis.call('HMGET', K_META, 'attrs', 'tags', 'created', 'modified', 'version')
if not meta[1] then
  return false
end
local attrs, tags = cjson.decode(meta[1]), cjson.decode(meta[2])
local status = apply_change(attrs, tags, cjson.decode(ARGV[1]))
if status ~= 'APPLIED' then
  return { status, meta[1], meta[2], meta[3], meta[4], meta[5] }
end
local attrs_json, tags_json = cjson.encode(attrs), cjson.encode(tags)
local modified = ARGV[2] ~= '' and ARGV[2] or meta[4]
redis.call('HSET', K_META, 'attrs', attrs_json, 'tags', tags_json, 'modified', modified)
if ARGV[3] ~= '' then
  redis.call('HSET', K_META, 'retention', ARGV[3])
end
local version = redis.call('HINCRBY', K_META, 'version', 1)
return { status, attrs_json, tags_json, meta[3], modified, version }
