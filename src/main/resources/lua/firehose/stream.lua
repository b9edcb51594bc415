--@use common
--@use scheduler
-- One step on a Firehose delivery stream: its metadata, its buffer and its flush, under the stream's
-- hash tag {stream:<region>/<account>/<name>}.
-- KEYS[1] meta (hash): rec = the stream as JSON, gen = its generation (creation millis), rev = its
--         revision, gone = when its deletion completes, last = the buffer's last arrival millis,
--         pend = bytes of data buffered and not yet delivered, cur:<destination id> = the last entry id that
--         destination's flushes delivered
-- KEYS[2] records (stream): the buffer, entry id = <arrival millis>-<number>, field d = data
-- KEYS[3..8] the stream's partition of the firehose-flushes scheduler (see scheduler.lua): one item
--         per destination (id = destination id, payload = the generation) while it has records to
--         deliver, due when its buffering hints say, held by the node flushing it
-- ARGV[1] step, ARGV[2] now, then the step's arguments:
--   create <gen> <rev> <json>        -> {1} stored, or {0, rec, gone} when a live stream holds the name
--   replace <gen> <rev> <newrev> <json> -> 1 replaced, 0 when the stream changed, is deleting or gone
--   delete <goneMillis>              -> {rec, gone}, or nil when there is no live stream; the buffer and
--                                       the flushes go
--   append <gen> <dest> <interval> <size> <holder> <leaseUntil> <data>...
--                                    -> {version, lowest due, taken, ids...}, or nil when that
--                                       generation is deleting or gone (nothing stored); see append()
--   pending <gen> <dest> <maxCount> <maxBytes> -> {id, data, id, data, ...} after the cursor
--   flushed <gen> <dest> <holder> <lastId> <bytes> <interval> <size> <leaseUntil>
--                                    -> {outcome, version, due}; see flushed()
--   source <gen> <dest> <interval> <size> <holder> <leaseUntil> <shard> <expected> <checkpoint> <data>...
--                                    -> as append, for records read from a Kinesis source's shard, with
--                                       the shard's checkpoint (meta field cp:<shard>) moved from
--                                       expected ('' for none) to checkpoint in the same step; nil,
--                                       nothing stored, when it is no longer expected
local meta = KEYS[1]
local records = KEYS[2]
local FLUSHES = sched_partition(3)
local step = ARGV[1]
local now = tonumber(ARGV[2])

local gone = redis.call('HGET', meta, 'gone')
if gone and tonumber(gone) <= now then
  redis.call('DEL', meta, records)
  sched_drop(FLUSHES)
end
local rec = redis.call('HGET', meta, 'rec')
gone = redis.call('HGET', meta, 'gone')

if step == 'create' then
  if rec then
    return {0, rec, gone or ''}
  end
  redis.call('DEL', records)
  sched_drop(FLUSHES)
  redis.call('HSET', meta, 'rec', ARGV[5], 'gen', ARGV[3], 'rev', ARGV[4])
  return {1}
end

local live = rec and not gone and redis.call('HGET', meta, 'gen') == ARGV[3]

-- The entry id just after id ('<ms>-<n>' -> '<ms>-<n+1>'): XTRIM MINID keeps it and what follows.
local function after(id)
  local dash = string.find(id, '-', 1, true)
  return string.sub(id, 1, dash) .. string.format('%d', tonumber(string.sub(id, dash + 1)) + 1)
end

local function millis_of(id)
  return tonumber(string.sub(id, 1, string.find(id, '-', 1, true) - 1))
end

-- The first entry after the destination's cursor, or nil.
local function first_pending(dest)
  local cur = redis.call('HGET', meta, 'cur:' .. dest)
  local from = cur and ('(' .. cur) or '-'
  return redis.call('XRANGE', records, from, '+', 'COUNT', 1)[1]
end

-- The bytes of a stored record's data as put, which buffering hints count (StoredRecords.dataLength):
-- less the 0 byte of a plain one, the envelope of a sealed one (1, key id length, key id, 12-byte
-- nonce, 16-byte tag), or a Kinesis one's 2, metadata length (2 bytes, big-endian) and metadata.
local function data_len(stored)
  local kind = string.byte(stored, 1)
  if kind == 1 then
    return math.max(0, #stored - 30 - (string.byte(stored, 2) or 0))
  elseif kind == 2 and #stored >= 3 then
    local high, low = string.byte(stored, 2, 3)
    return math.max(0, #stored - 3 - (high * 256 + low))
  end
  return math.max(0, #stored - 1)
end

-- Whether the buffering hints make the flush due at once: interval 0, or size reached.
local function due_now(interval, size)
  return interval == 0 or tonumber(redis.call('HGET', meta, 'pend') or '0') >= size
end

-- Stores the records, then makes sure the destination's flush is scheduled: a new flush is due
-- interval after this arrival (the buffer had nothing to deliver), or at once when the hints say so;
-- a flush due at once and not held is taken by holder (if not '') under a lease until leaseUntil
-- (taken = 1), so the caller starts it without waiting for a claim. A flush under way is left alone:
-- it schedules the next when it is done.
local function append()
  local dest, interval, size = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
  local holder, lease_until = ARGV[7], tonumber(ARGV[8])
  local millis = math.max(now, tonumber(redis.call('HGET', meta, 'last') or '0'))
  redis.call('HSET', meta, 'last', string.format('%d', millis))
  local id = string.format('%d', millis) .. '-*'
  local out = {0, -1, 0}
  local bytes = 0
  for i = 9, #ARGV do
    out[#out + 1] = redis.call('XADD', records, id, 'd', ARGV[i])
    bytes = bytes + data_len(ARGV[i])
  end
  redis.call('HINCRBY', meta, 'pend', bytes)
  local item = sched_load(FLUSHES, dest)
  local at_once = due_now(interval, size)
  if item and item[5] ~= '' then
    return out
  end
  if item and not at_once and item[3] > now then
    return out
  end
  if (at_once or (item and item[3] <= now)) and holder ~= '' then
    sched_add(FLUSHES, now, dest, '', 0, lease_until, holder, dest, ARGV[3])
    out[3] = 1
  elseif item then
    sched_add(FLUSHES, now, dest, '', 0, now, '', dest, ARGV[3])
  else
    sched_add(FLUSHES, now, dest, '', 0, at_once and now or millis + interval, '', dest, ARGV[3])
  end
  out[1] = sched_added(FLUSHES)
  out[2] = FLUSHES.lowest
  return out
end

-- Read only: up to maxCount entries after the destination's cursor, stopping once maxBytes of data
-- are reached (at least one entry).
local function pending()
  local dest, max_count, max_bytes = ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6])
  local cur = redis.call('HGET', meta, 'cur:' .. dest)
  local from = cur and ('(' .. cur) or '-'
  local out = {}
  local bytes, count = 0, 0
  while count < max_count and bytes < max_bytes do
    local entries = redis.call('XRANGE', records, from, '+', 'COUNT', math.min(256, max_count - count))
    if #entries == 0 then
      break
    end
    for _, e in ipairs(entries) do
      if count >= max_count or (count > 0 and bytes + data_len(e[2][2]) > max_bytes) then
        return out
      end
      out[#out + 1] = e[1]
      out[#out + 1] = e[2][2]
      bytes = bytes + data_len(e[2][2])
      count = count + 1
      from = '(' .. e[1]
    end
  end
  return out
end

-- A flush by holder delivered the entries up to lastId ('' if none), bytes in all: the cursor moves
-- there and the entries no destination still needs go. Then the next flush: none when nothing is
-- left (outcome 1), due later and free (2, with the version to lower the due index to due, or 0),
-- or due at once and still held by holder under a new lease (3). Outcome 0: holder no longer holds
-- the flush (another node took it over); nothing changed.
local function flushed()
  local dest, holder, last, bytes = ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
  local interval, size, lease_until = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
  local item = sched_held(FLUSHES, dest, holder)
  if not item then
    return {0, 0, 0}
  end
  if last ~= '' then
    redis.call('HSET', meta, 'cur:' .. dest, last)
    redis.call('XTRIM', records, 'MINID', after(last))
    local left = redis.call('HINCRBY', meta, 'pend', -bytes)
    if left < 0 then
      redis.call('HSET', meta, 'pend', 0)
    end
  end
  local first = first_pending(dest)
  if not first then
    sched_remove(FLUSHES, dest)
    return {1, 0, 0}
  end
  if due_now(interval, size) or millis_of(first[1]) + interval <= now then
    item[3] = lease_until
    sched_store(FLUSHES, dest, item)
    return {3, 0, lease_until}
  end
  local due = millis_of(first[1]) + interval
  item[3] = due
  item[5] = ''
  sched_store(FLUSHES, dest, item)
  return {2, sched_raise_version(FLUSHES), due}
end

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
  sched_drop(FLUSHES)
  return {rec, gone}
elseif step == 'append' then
  if not live then
    return nil
  end
  return append()
elseif step == 'pending' then
  if not live then
    return {}
  end
  return pending()
elseif step == 'flushed' then
  if not live then
    return {-1, 0, 0}
  end
  return flushed()
elseif step == 'source' then
  local field = 'cp:' .. ARGV[9]
  if not live or (redis.call('HGET', meta, field) or '') ~= ARGV[10] then
    return nil
  end
  redis.call('HSET', meta, field, ARGV[11])
  if #ARGV == 11 then
    return {0, -1, 0}
  end
  -- The rest is an append: its data after its own arguments.
  for _ = 1, 3 do
    table.remove(ARGV, 9)
  end
  return append()
end
return redis.error_reply('unknown step ' .. step)
