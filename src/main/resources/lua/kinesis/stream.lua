-- One step on a Kinesis stream's metadata.
-- KEYS[1] meta (hash): rec = the stream as JSON, gone = when its deletion completes (epoch millis)
-- ARGV[1] step, ARGV[2] now, then the step's arguments:
--   create <json>        -> {1} stored, or {0, rec} when a live stream holds the name
--   update <old> <new>   -> 1 when rec was <old> and the stream is not being deleted, else 0
--   delete <goneMillis>  -> {rec, gone}, or nil when there is no live stream
local meta = KEYS[1]
local step = ARGV[1]
local now = tonumber(ARGV[2])

local rec = redis.call('HGET', meta, 'rec')
local gone = redis.call('HGET', meta, 'gone')
if rec and gone and tonumber(gone) <= now then
  redis.call('DEL', meta)
  rec = false
  gone = false
end

if step == 'create' then
  if rec then
    return {0, rec, gone or ''}
  end
  redis.call('HSET', meta, 'rec', ARGV[3])
  return {1}
elseif step == 'update' then
  if not rec or gone or rec ~= ARGV[3] then
    return 0
  end
  redis.call('HSET', meta, 'rec', ARGV[4])
  return 1
elseif step == 'delete' then
  if not rec then
    return nil
  end
  if not gone then
    gone = ARGV[3]
    redis.call('HSET', meta, 'gone', gone)
  end
  return {rec, gone}
end
return redis.error_reply('unknown step ' .. tostring(step))
