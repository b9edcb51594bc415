--@use common
-- scheduler.lua: the items of one partition of a durable scheduler (io.sluice.storage.scheduler),
-- for the scheduler's own script (scheduler/partition.lua) and for a service's script that changes
-- its own state and the items of its resource in one step (sns/topic.lua: a publish creates its
-- deliveries). Knows no service. A partition's keys share its hash tag; RedisScheduler's
-- partitionKeys names them in this order:
--   items   hash: item id -> cmsgpack {tag, attempt, due time, payload key, holder}
--   due     zset: item id, score its due time
--   bytag   zset, all scores 0: tag \0 item id (items with a tag)
--   pay     hash: payload key -> payload, one copy for all items naming the key
--   payref  hash: payload key -> how many items name it
--   meta    hash: ver (the partition's version, raised by every step that can make an item fall due
--                  earlier than all the partition had; see scheduler/due_index.lua)
-- A tag or holder of "none" is "", a due time of "none" -1. Times are epoch ms.

local S_TAG, S_ATTEMPT, S_DUE, S_PAY, S_HOLDER = 1, 2, 3, 4, 5

-- The partition whose keys are KEYS[first] to KEYS[first + 5]. A step that adds items notes here the
-- partition's earliest due time before it and the earliest it added (see sched_added).
local function sched_partition(first)
  return { items = KEYS[first], due = KEYS[first + 1], bytag = KEYS[first + 2], pay = KEYS[first + 3],
    payref = KEYS[first + 4], meta = KEYS[first + 5], before = nil, lowest = -1 }
end

local function sched_version(p)
  return tonumber(redis.call('HGET', p.meta, 'ver') or '0')
end

local function sched_raise_version(p)
  return redis.call('HINCRBY', p.meta, 'ver', 1)
end

-- The earliest due time of the partition, or -1 when it has no item.
local function sched_earliest(p)
  local first = redis.call('ZRANGE', p.due, 0, 0, 'WITHSCORES')
  return first[2] and tonumber(first[2]) or -1
end

local function sched_load(p, id)
  local raw = redis.call('HGET', p.items, id)
  return raw and cmsgpack.unpack(raw) or nil
end

local function sched_store(p, id, item)
  redis.call('HSET', p.items, id, cmsgpack.pack(item))
  redis.call('ZADD', p.due, item[S_DUE], id)
end

-- Removes an item with its share of its payload; false if there is none of that id.
local function sched_remove(p, id)
  local item = sched_load(p, id)
  if not item then
    return false
  end
  redis.call('HDEL', p.items, id)
  redis.call('ZREM', p.due, id)
  if item[S_TAG] ~= '' then
    redis.call('ZREM', p.bytag, item[S_TAG] .. SEP .. id)
  end
  if redis.call('HINCRBY', p.payref, item[S_PAY], -1) <= 0 then
    redis.call('HDEL', p.payref, item[S_PAY])
    redis.call('HDEL', p.pay, item[S_PAY])
  end
  return true
end

-- Adds an item (replacing one of the same id). The payload is stored only by the first item that
-- names its key. A partition's first version is now * 1000, so a partition made again after its
-- removal starts above the versions the due index may still remember of the old one.
local function sched_add(p, now, id, tag, attempt, due, holder, paykey, payload)
  if p.before == nil then
    p.before = sched_earliest(p)
    redis.call('HSETNX', p.meta, 'ver', now * 1000)
  end
  sched_remove(p, id)
  sched_store(p, id, { tag, attempt, due, paykey, holder })
  if tag ~= '' then
    redis.call('ZADD', p.bytag, 0, tag .. SEP .. id)
  end
  if redis.call('HINCRBY', p.payref, paykey, 1) == 1 then
    redis.call('HSET', p.pay, paykey, payload)
  end
  if p.lowest < 0 or due < p.lowest then
    p.lowest = due
  end
end

-- After a step's sched_add calls: the partition's new version if they made an item due earlier than
-- all it had before (the due index must then be lowered to p.lowest), else 0.
local function sched_added(p)
  if p.lowest >= 0 and (p.before == -1 or p.lowest < p.before) then
    return sched_raise_version(p)
  end
  return 0
end

-- Removes every item of a tag.
local function sched_remove_tag(p, tag)
  while true do
    local members = redis.call('ZRANGEBYLEX', p.bytag, '[' .. tag .. SEP, '(' .. tag .. '\1', 'LIMIT', 0, CHUNK)
    if #members == 0 then
      return
    end
    for _, member in ipairs(members) do
      if not sched_remove(p, string.sub(member, #tag + 2)) then
        redis.call('ZREM', p.bytag, member)
      end
    end
  end
end

-- Removes the partition with all its items, payloads and version.
local function sched_drop(p)
  redis.call('UNLINK', p.items, p.due, p.bytag, p.pay, p.payref, p.meta)
end

-- Read only. Returns {version, earliest due time, then up to max pairs of item id and due time of
-- the items due at now, earliest first}.
local function sched_peek(p, now, max)
  local out = { sched_version(p), sched_earliest(p) }
  if max > 0 then
    local due = redis.call('ZRANGEBYSCORE', p.due, '-inf', now, 'WITHSCORES', 'LIMIT', 0, max)
    for k = 1, #due do
      out[#out + 1] = due[k]
    end
  end
  return out
end

-- Holds up to max items due at now, earliest first, by holder until the lease ends. Returns
-- {version, earliest due time afterwards, then per item: id, tag, attempt, payload key, payload,
-- due time before the claim}.
local function sched_claim(p, now, max, holder, lease_until)
  local ids = redis.call('ZRANGEBYSCORE', p.due, '-inf', now, 'LIMIT', 0, max)
  local out = { 0, 0 }
  for _, id in ipairs(ids) do
    local item = sched_load(p, id)
    if item then
      local was_due = item[S_DUE]
      item[S_DUE] = lease_until
      item[S_HOLDER] = holder
      sched_store(p, id, item)
      local n = #out
      out[n + 1], out[n + 2], out[n + 3], out[n + 4] = id, item[S_TAG], item[S_ATTEMPT], item[S_PAY]
      out[n + 5], out[n + 6] = redis.call('HGET', p.pay, item[S_PAY]) or '', was_due
    else
      redis.call('ZREM', p.due, id)
    end
  end
  out[1] = #ids > 0 and sched_raise_version(p) or sched_version(p)
  out[2] = sched_earliest(p)
  return out
end

-- The item of that id if holder holds it, else nil.
local function sched_held(p, id, holder)
  local item = sched_load(p, id)
  if item and item[S_HOLDER] ~= '' and item[S_HOLDER] == holder then
    return item
  end
  return nil
end

-- Moves the lease's end; 1 if holder holds the item, else 0 (nothing changes).
local function sched_renew(p, id, holder, lease_until)
  local item = sched_held(p, id, holder)
  if not item then
    return 0
  end
  item[S_DUE] = lease_until
  sched_store(p, id, item)
  return 1
end

-- Stores a new attempt count and due time; the partition's new version if holder holds the item,
-- else 0 (nothing changes).
local function sched_reschedule(p, id, holder, attempt, due)
  local item = sched_held(p, id, holder)
  if not item then
    return 0
  end
  item[S_ATTEMPT] = attempt
  item[S_DUE] = due
  sched_store(p, id, item)
  return sched_raise_version(p)
end
