--@use record
-- One step on a Kinesis stream's metadata.
-- KEYS[1] meta (hash): rec = the stream as JSON, gone = when its deletion completes (epoch millis)
-- ARGV[1] step, ARGV[2] now, then the step's arguments:
--   create <json>        -> {1} stored, or {0, rec} when a live stream holds the name
--   change <generation> <change json> -> {status} or {status, rec, gone}: io.sluice.kinesis.store.StreamChange
--                        applies the same rules in Java (the tags edit is record.lua's map edit)
--   reshard <generation> <reshard json> -> {status} or {status, rec, gone}: io.sluice.kinesis.store.Reshard
--                        applies the same rules in Java (close open shards, add shards, UPDATING,
--                        scalings per window)
--   sealed <generation> <json: shard index -> end millis> -> {status} or {status, rec, gone}: records the
--                        ends of shards that kinesis/seal.lua sealed
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

-- The live stream of generation ARGV[3] with its settings table, or nil.
local function stream_of_generation()
  if not rec then
    return nil
  end
  local s = cjson.decode(rec)
  if s.created ~= tonumber(ARGV[3]) then
    return nil
  end
  if s.settings == nil then
    s.settings = {}
  end
  return s
end

local function active(s)
  local updating = s.settings.updatingUntil
  return not (gone or now < s.ready or (updating and now < tonumber(updating)))
end

-- The live stream of generation ARGV[3] if it is ACTIVE; else nil and the refusal to answer.
local function active_stream()
  local s = stream_of_generation()
  if not s then
    return nil, {'NOT_FOUND'}
  end
  if not active(s) then
    return nil, {'NOT_ACTIVE', rec, gone or ''}
  end
  return s
end

local function store(s)
  -- Epoch millis have 13 digits: cjson's 14 significant digits keep them exact.
  rec = cjson.encode(s)
  redis.call('HSET', meta, 'rec', rec)
  return {'APPLIED', rec, gone or ''}
end

if step == 'create' then
  if rec then
    return {0, rec, gone or ''}
  end
  redis.call('HSET', meta, 'rec', ARGV[3])
  return {1}
elseif step == 'change' then
  local s, refused = active_stream()
  if not s then
    return refused
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
  return store(s)
elseif step == 'reshard' then
  local s, refused = active_stream()
  if not s then
    return refused
  end
  local r = cjson.decode(ARGV[4])
  for _, i in ipairs(r.close) do
    local shard = s.shards[i + 1]
    if not shard or shard.x then
      return {'SHARD_CLOSED', rec, ''}
    end
  end
  if r.add[1].i ~= #s.shards then
    return {'RESHARDED', rec, ''}
  end
  if r.scaling then
    local recent = {}
    for t in string.gmatch(s.settings.scalings or '', '[^,]+') do
      if tonumber(t) >= now - r.window then
        recent[#recent + 1] = t
      end
    end
    if #recent >= r.limit then
      return {'TOO_MANY_SCALINGS', rec, ''}
    end
    recent[#recent + 1] = string.format('%d', now)
    s.settings.scalings = table.concat(recent, ',')
  end
  s.settings.updatingUntil = string.format('%d', r.updating)
  for _, i in ipairs(r.close) do
    s.shards[i + 1].x = now
  end
  for _, shard in ipairs(r.add) do
    s.shards[#s.shards + 1] = shard
  end
  return store(s)
elseif step == 'sealed' then
  local s = stream_of_generation()
  if not s then
    return {'NOT_FOUND'}
  end
  for i, ending in pairs(cjson.decode(ARGV[4])) do
    local shard = s.shards[tonumber(i) + 1]
    if shard and shard.x and not shard.n then
      shard.n = ending
    end
  end
  return store(s)
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
