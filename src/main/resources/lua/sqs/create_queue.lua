--@use sqs/queue
-- sqs/create_queue.lua: creates the queue's meta hash unless the queue exists or was deleted less than
-- the deleted-recently window before now.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 attributes JSON, 3 tags JSON, 4 retention ms, 5 fifo (0/1), 6 deleted-recently window ms
-- Returns {'CREATED'}, {'DELETED_RECENTLY'} or {'EXISTS', attrs, tags, created, modified, version}.
local now = tonumber(ARGV[1])
local existing = redis.call('HMGET', K_META, 'attrs', 'tags', 'created', 'modified', 'version')
if existing[1] then
  return { 'EXISTS', existing[1], existing[2], existing[3], existing[4], existing[5] }
end
local deleted = redis.call('GET', K_DELETED)
if deleted and now - tonumber(deleted) < tonumber(ARGV[6]) then
  return { 'DELETED_RECENTLY' }
end
redis.call('DEL', K_DELETED)
redis.call('HSET', K_META, 'attrs', ARGV[2], 'tags', ARGV[3], 'created', now, 'modified', now, 'version', 1,
  'retention', ARGV[4], 'fifo', ARGV[5], 'seq', 0)
return { 'CREATED' }
