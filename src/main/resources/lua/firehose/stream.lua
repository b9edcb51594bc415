-- One step on a Firehose delivery stream: its metadata and its buffer, under the stream's hash tag.
-- KEYS[1] meta (hash): rec = the stream as JSON, gen = its generation (creation millis), rev = its
--         revision, gone = when its deletion completes, last = the buffer's last arrival millis
-- KEYS[2] records (stream): the buffer, entry id = <arrival millis>-<number>, field d = data
-- ARGV[1] step, ARGV[2] now, then the step's arguments:
--   create <gen> <rev> <json>        -> {1} stored, or {0, rec, gone} when a live stream holds the name
--   replace <gen> <rev> <newrev> <json> -> 1 replaced, 0 when the stream changed, is deleting or gone
--   delete <goneMillis>              -> {rec, gone}, or nil when there is no live stream; the buffer goes
--   append <gen> <data>...           -> the new entries' ids in order, or nil when that generation
--                                       is deleting or gone (nothing stored)
local meta = KEYS[1]
local records = KEYS[2]
local step = ARGV[1]
local now = tonumber(ARGV[2])

local gone = redis.call('HGET', meta, 'gone')
if gone and tonumber(gone) <= now then
  redis.call('DEL', meta, records)
end
local rec = redis.call('HGET', meta, 'rec')
gone = redis.call('HGET', meta, 'gone')

if step == 'create' then
  if rec then
    return {0, rec, gone or ''}
  end
  redis.call('DEL', records)
  redis.call('HSET', meta, 'rec', ARGV[5], 'gen', ARGV[3], 'rev', ARGV[4])
  return {1}
end

local live = rec and not gone and redis.call('HGET', meta, 'gen') == ARGV[3]

if step == 'replace' then
  if not live or redis.call('HGET', meta, 'rev') ~= ARGV[4] then
    return 0
  end
  redis.call('HSET', meta, 'rec', ARGV[6], 'rev', ARGV[5])
  return 1
elseif step == 'delete' then
  if not rec then
    return nil
  end
  if not gone then
    gone = ARGV[3]
    redis.call('HSET', meta, 'gone', gone)
  end
  redis.call('DEL', records)
  return {rec, gone}
elseif step == 'append' then
  if not live then
    return nil
  end
  local millis = math.max(now, tonumber(redis.call('HGET', meta, 'last') or '0'))
  redis.call('HSET', meta, 'last', string.format('%d', millis))
  local id = string.format('%d', millis) .. '-*'
  local ids = {}
  for i = 4, #ARGV do
    ids[#ids + 1] = redis.call('XADD', records, id, 'd', ARGV[i])
  end
  return ids
end
return redis.error_reply('unknown step ' .. step)
