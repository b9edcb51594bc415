--@use sqs/queue
-- sqs/update_queue.lua: compare-and-set of a queue's record: writes the new attributes and tags only if
-- the stored version is still the one the caller read, and bumps the version.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 expected version, 2 attributes JSON, 3 tags JSON, 4 modified, 5 retention ms, 6 fifo (0/1)
-- Returns the new version, 0 when the version changed meanwhile (retry), nil when the queue is gone.
local version = redis.call('HGET', K_META, 'version')
if not version then
  return false
end
if version ~= ARGV[1] then
  return 0
end
local next_version = tonumber(version) + 1
redis.call('HSET', K_META, 'attrs', ARGV[2], 'tags', ARGV[3], 'modified', ARGV[4], 'version', next_version,
  'retention', ARGV[5], 'fifo', ARGV[6])
return next_version
