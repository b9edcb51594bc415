--@use record
-- One step on a Kinesis stream's metadata.
-- KEYS[1] meta (hash): rec = the stream as JSON, gone = when its deletion completes (epoch millis)
-- ARGV[1] step, ARGV[2] now, then the step's arguments:
--   create <json>        -> {1} stored, or {0, rec} when a live stream holds the name
--   change <generation> <change json> -> {status} or {status, rec, gone}: io.sluice.kinesis.store.StreamChange
--                        applies the same rules in Java (the tags edit is record.lua's map edit)
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
elseif step == 'change' then
  if not rec then
    return {'NOT_FOUND'}
  end
  local s = cjson.decode(rec)
  if s.created ~= tonumber(ARGV[3]) then
    return {'NOT_FOUND'}
  end
  if s.settings == nil then
    s.settings = {}
  end
  local updating = s.settings.updatingUntil
  if gone or now < s.ready or (updating and now < tonumber(updating)) then
    return {'NOT_ACTIVE', rec, gone or ''}
  end
  local c = cjson.decode(ARGV[4])
  if c.retention then
    if c.increase and c.retention < s.retention then
      return {'RETENTION_SHORTER', rec, ''}
    elseif not c.increase and c.retention > s.retention then
      return {'RETENTION_LONGER', rec, ''}
    end
    s.retention = c.retention
  end
  if not edit_map(s.tags, c.tags) then
    return {'TOO_MANY_TAGS', rec, ''}
  end
  if c.mode then
    s.mode = c.mode
  end
  edit_map(s.settings, c.settings)
  -- Epoch millis have 13 digits: cjson's 14 significant digits keep them exact.
  rec = cjson.encode(s)
  redis.call('HSET', meta, 'rec', rec)
  return {'APPLIED', rec, ''}
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
