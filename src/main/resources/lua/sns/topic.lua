--@use common
--@use record
-- sns/topic.lua: every atomic step on one SNS topic; ARGV[1] names the step (see the functions at
-- the end), the rest are its arguments.
--
-- KEYS: the topic's 14 keys, all under its hash tag {<topicArn>}, in this order:
--   1 meta      hash: rec (topic JSON), seq (last FIFO sequence number), subn (subscriptions created),
--                     arcn (messages archived), outver (outbox version, raised by every step that can
--                     make a delivery fall due earlier; see sns/due_index.lua)
--   2 subs      hash: subscription ARN -> subscription JSON
--   3 suborder  zset: subscription ARN, score subn at its creation
--   4 subkey    hash: 'k' protocol \n endpoint -> ARN and 'a' ARN -> protocol \n endpoint
--   5 dedup     hash: FIFO deduplication id -> cmsgpack {messageId, sequenceNumber}
--   6 dedupexp  zset: deduplication id, score when it expires
--   7 arch      hash: pad(arcn) -> cmsgpack {messageId, sequenceNumber, message, published, keepUntil}
--   8 archat    zset: pad(arcn), score published (ties keep publish order)
--   9 archexp   zset: pad(arcn), score keepUntil
--  10 out       hash: delivery id -> cmsgpack {subscriptionArn, messageId, sequenceNumber, paykey,
--                     attempt, dueAt}
--  11 due       zset: delivery id, score dueAt
--  12 bysub     zset, all scores 0: subscription ARN \0 delivery id
--  13 pay       hash: paykey -> message bytes, one copy per message ('m' messageId) or enqueued
--                     delivery ('d' delivery id)
--  14 payref    hash: paykey -> how many deliveries use it
-- A sequence number of a standard topic is "". Times are epoch ms; "none" is -1.

local T_META, T_SUBS, T_SUBORDER, T_SUBKEY, T_DEDUP, T_DEDUPEXP, T_ARCH, T_ARCHAT, T_ARCHEXP = KEYS[1], KEYS[2],
  KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local T_OUT, T_DUE, T_BYSUB, T_PAY, T_PAYREF = KEYS[10], KEYS[11], KEYS[12], KEYS[13], KEYS[14]

-- fields of a delivery record
local D_SUB, D_MSG, D_SEQ, D_PAY, D_ATTEMPT, D_DUE = 1, 2, 3, 4, 5, 6
local DEDUP_WINDOW_MS = 300000

local function topic_exists()
  return redis.call('EXISTS', T_META) == 1
end

local function raise_version()
  return redis.call('HINCRBY', T_META, 'outver', 1)
end

local function version()
  return tonumber(redis.call('HGET', T_META, 'outver') or '0')
end

-- The earliest due time of the outbox, or -1 when it is empty.
local function earliest_due()
  local first = redis.call('ZRANGE', T_DUE, 0, 0, 'WITHSCORES')
  return first[2] and tonumber(first[2]) or -1
end

local function put_delivery(id, d)
  redis.call('HSET', T_OUT, id, cmsgpack.pack(d))
  redis.call('ZADD', T_DUE, d[D_DUE], id)
  redis.call('ZADD', T_BYSUB, 0, d[D_SUB] .. SEP .. id)
end

local function release_payload(paykey)
  if redis.call('HINCRBY', T_PAYREF, paykey, -1) <= 0 then
    redis.call('HDEL', T_PAYREF, paykey)
    redis.call('HDEL', T_PAY, paykey)
  end
end

-- The delivery record of an id, or nil.
local function load_delivery(id)
  local raw = redis.call('HGET', T_OUT, id)
  return raw and cmsgpack.unpack(raw) or nil
end

-- Removes a delivery and its share of the payload; false if there is none of that id.
local function remove_delivery(id)
  local d = load_delivery(id)
  if not d then
    return false
  end
  redis.call('HDEL', T_OUT, id)
  redis.call('ZREM', T_DUE, id)
  redis.call('ZREM', T_BYSUB, d[D_SUB] .. SEP .. id)
  release_payload(d[D_PAY])
  return true
end

-- Forgets archived messages whose archive time is now or earlier. The publish-time index sheds
-- them oldest first (archived() skips any left behind a message archived for longer).
local function purge_archive(now)
  expire_entries(T_ARCH, T_ARCHEXP, now)
  while true do
    local oldest = redis.call('ZRANGE', T_ARCHAT, 0, 0)[1]
    if not oldest or redis.call('HEXISTS', T_ARCH, oldest) == 1 then
      return
    end
    redis.call('ZREM', T_ARCHAT, oldest)
  end
end

local function append(out, ...)
  for _, v in ipairs({ ... }) do
    out[#out + 1] = v
  end
end

-- ---- topics -----------------------------------------------------------------------------------

-- ARGV: 2 topic JSON, 3 first outbox version. Returns {1} if created, {0, stored JSON} if it existed.
local function create()
  local existing = redis.call('HGET', T_META, 'rec')
  if existing then
    return { 0, existing }
  end
  redis.call('HSET', T_META, 'rec', ARGV[2], 'seq', 0, 'subn', 0, 'arcn', 0, 'outver', ARGV[3])
  return { 1 }
end

-- ARGV: 2 change JSON (see record.lua). Applies it to the topic's attributes and tags. Returns nil
-- if the topic is gone, else {status, stored JSON} (unchanged unless the status is APPLIED).
local function update_topic()
  local raw = redis.call('HGET', T_META, 'rec')
  if not raw then
    return false
  end
  local rec = cjson.decode(raw)
  local status = apply_change(rec.attributes, rec.tags, cjson.decode(ARGV[2]))
  if status ~= 'APPLIED' then
    return { status, raw }
  end
  local json = cjson.encode(rec)
  redis.call('HSET', T_META, 'rec', json)
  return { status, json }
end

-- Returns 1 if the topic existed (and is now gone with everything of it), else 0.
local function delete_topic()
  if not topic_exists() then
    return 0
  end
  redis.call('UNLINK', unpack(KEYS))
  return 1
end

-- ---- subscriptions ----------------------------------------------------------------------------

-- ARGV: 2 ARN, 3 protocol \n endpoint, 4 JSON. Returns nil if the topic is gone, {1} if created,
-- {0, stored JSON} if the topic has a subscription of that protocol and endpoint.
local function subscribe()
  if not topic_exists() then
    return false
  end
  local arn, key = ARGV[2], ARGV[3]
  local existing = redis.call('HGET', T_SUBKEY, 'k' .. key)
  if existing then
    return { 0, redis.call('HGET', T_SUBS, existing) }
  end
  redis.call('HSET', T_SUBS, arn, ARGV[4])
  redis.call('HSET', T_SUBKEY, 'k' .. key, arn, 'a' .. arn, key)
  redis.call('ZADD', T_SUBORDER, redis.call('HINCRBY', T_META, 'subn', 1), arn)
  return { 1 }
end

-- Returns the subscriptions' JSON in creation order.
local function subscriptions()
  -- suborder and subs change together, so every ARN listed has its JSON.
  local out = {}
  for _, arn in ipairs(redis.call('ZRANGE', T_SUBORDER, 0, -1)) do
    append(out, redis.call('HGET', T_SUBS, arn))
  end
  return out
end

-- ARGV: 2 ARN, 3 change JSON (see record.lua; a subscription has no tags). Applies it to the
-- subscription's attributes. Returns nil if it is gone, else {status, stored JSON}.
local function update_subscription()
  local arn = ARGV[2]
  local raw = redis.call('HGET', T_SUBS, arn)
  if not raw then
    return false
  end
  local sub = cjson.decode(raw)
  local status = apply_change(sub.attributes, {}, cjson.decode(ARGV[3]))
  if status ~= 'APPLIED' then
    return { status, raw }
  end
  local json = cjson.encode(sub)
  redis.call('HSET', T_SUBS, arn, json)
  return { status, json }
end

-- ARGV: 2 ARN, 3 JSON object of top-level fields to set (the caller's confirmation). Returns nil if
-- the subscription is gone, else its stored JSON.
local function set_subscription_fields()
  local arn = ARGV[2]
  local raw = redis.call('HGET', T_SUBS, arn)
  if not raw then
    return false
  end
  local sub = cjson.decode(raw)
  for field, value in pairs(cjson.decode(ARGV[3])) do
    sub[field] = value
  end
  local json = cjson.encode(sub)
  redis.call('HSET', T_SUBS, arn, json)
  return json
end

-- ARGV: 2 ARN. Deletes the subscription with its pending deliveries; returns 1 if it existed, else 0.
local function delete_subscription()
  local arn = ARGV[2]
  if redis.call('HDEL', T_SUBS, arn) == 0 then
    return 0
  end
  local key = redis.call('HGET', T_SUBKEY, 'a' .. arn)
  redis.call('HDEL', T_SUBKEY, 'a' .. arn)
  if key then
    redis.call('HDEL', T_SUBKEY, 'k' .. key)
  end
  redis.call('ZREM', T_SUBORDER, arn)
  while true do
    local members = redis.call('ZRANGEBYLEX', T_BYSUB, '[' .. arn .. SEP, '(' .. arn .. '\1', 'LIMIT', 0, CHUNK)
    if #members == 0 then
      break
    end
    for _, member in ipairs(members) do
      if not remove_delivery(string.sub(member, #arn + 2)) then
        redis.call('ZREM', T_BYSUB, member)
      end
    end
  end
  return 1
end

-- ---- publishing and the outbox ----------------------------------------------------------------

-- ARGV: 2 now, 3 fifo (0/1), 4 lease until, 5 archive until (0: not archived), 6 delivery id base,
-- then per entry: message id, deduplication id, message, n, n subscription ARNs.
-- Returns nil if the topic is gone, else {outbox version, then per entry: message id, sequence
-- number, duplicate (0/1), n deliveries, n pairs of delivery id and subscription ARN}.
local function publish()
  if not topic_exists() then
    return false
  end
  local now, fifo, lease, keep, base = tonumber(ARGV[2]), ARGV[3] == '1', tonumber(ARGV[4]), tonumber(ARGV[5]),
    ARGV[6]
  if fifo then
    expire_entries(T_DEDUP, T_DEDUPEXP, now)
  end
  purge_archive(now)
  -- The due index needs the topic only when these deliveries fall due before all it already has.
  local before = earliest_due()
  local out = { 0 }
  local made = 0
  local i = 7
  while i <= #ARGV do
    local msg, dedup, message, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
    local first_sub = i + 4
    i = first_sub + n
    local seen = fifo and redis.call('HGET', T_DEDUP, dedup)
    if seen then
      local original = cmsgpack.unpack(seen)
      append(out, original[1], original[2], 1, 0)
    else
      local seq = ''
      if fifo then
        seq = pad(redis.call('HINCRBY', T_META, 'seq', 1))
        redis.call('HSET', T_DEDUP, dedup, cmsgpack.pack({ msg, seq }))
        redis.call('ZADD', T_DEDUPEXP, now + DEDUP_WINDOW_MS, dedup)
      end
      if keep > now then
        local slot = pad(redis.call('HINCRBY', T_META, 'arcn', 1))
        redis.call('HSET', T_ARCH, slot, cmsgpack.pack({ msg, seq, message, now, keep }))
        redis.call('ZADD', T_ARCHAT, now, slot)
        redis.call('ZADD', T_ARCHEXP, keep, slot)
      end
      append(out, msg, seq, 0, 0)
      local count_at = #out
      local paykey = 'm' .. msg
      local created = 0
      for j = first_sub, first_sub + n - 1 do
        local sub = ARGV[j]
        if redis.call('HEXISTS', T_SUBS, sub) == 1 then
          made = made + 1
          created = created + 1
          local id = base .. '-' .. made
          put_delivery(id, { sub, msg, seq, paykey, 0, lease })
          append(out, id, sub)
        end
      end
      out[count_at] = created
      if created > 0 then
        redis.call('HSET', T_PAY, paykey, message)
        redis.call('HINCRBY', T_PAYREF, paykey, created)
      end
    end
  end
  if made > 0 and (before == -1 or before > lease) then
    out[1] = raise_version()
  end
  return out
end

-- ARGV: 2 now, 3 max. Read only. Returns {outbox version, earliest due time, then up to max pairs
-- of delivery id and due time of the deliveries due at or before now, earliest first}.
local function peek()
  local out = { version(), earliest_due() }
  local max = tonumber(ARGV[3])
  if max > 0 then
    local due = redis.call('ZRANGEBYSCORE', T_DUE, '-inf', ARGV[2], 'WITHSCORES', 'LIMIT', 0, max)
    for k = 1, #due do
      out[#out + 1] = due[k]
    end
  end
  return out
end

-- ARGV: 2 now, 3 max, 4 lease until. Leases up to max due deliveries, earliest first, until then.
-- Returns {outbox version, earliest due time afterwards, then per delivery: id, subscription ARN,
-- message id, sequence number, message, attempt, due time before the claim}.
local function claim()
  local lease = tonumber(ARGV[4])
  local ids = redis.call('ZRANGEBYSCORE', T_DUE, '-inf', ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
  local out = { 0, 0 }
  for _, id in ipairs(ids) do
    local d = load_delivery(id)
    if d then
      local was_due = d[D_DUE]
      d[D_DUE] = lease
      redis.call('HSET', T_OUT, id, cmsgpack.pack(d))
      redis.call('ZADD', T_DUE, lease, id)
      append(out, id, d[D_SUB], d[D_MSG], d[D_SEQ], redis.call('HGET', T_PAY, d[D_PAY]) or '', d[D_ATTEMPT], was_due)
    else
      redis.call('ZREM', T_DUE, id)
    end
  end
  out[1] = #ids > 0 and raise_version() or version()
  out[2] = earliest_due()
  return out
end

-- ARGV: 2 delivery id, 3 attempt, 4 due time. Returns nil if the delivery is gone, else the outbox
-- version.
local function reschedule()
  local id = ARGV[2]
  local d = load_delivery(id)
  if not d then
    return false
  end
  d[D_ATTEMPT] = tonumber(ARGV[3])
  d[D_DUE] = tonumber(ARGV[4])
  put_delivery(id, d)
  return raise_version()
end

-- ARGV: 2.. delivery ids. Returns how many of them were there.
local function complete()
  local removed = 0
  for i = 2, #ARGV do
    if remove_delivery(ARGV[i]) then
      removed = removed + 1
    end
  end
  return removed
end

-- ARGV: per delivery 7 values: id, subscription ARN, message id, sequence number, message, attempt,
-- due time. Deliveries of subscriptions that do not exist are skipped; one of an existing id is
-- replaced. Returns nil if the topic is gone, else {outbox version, earliest new due time}.
local function enqueue()
  if not topic_exists() then
    return false
  end
  local earliest = -1
  for i = 2, #ARGV, 7 do
    local id, sub, due = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 6])
    if redis.call('HEXISTS', T_SUBS, sub) == 1 then
      remove_delivery(id)
      local paykey = 'd' .. id
      redis.call('HSET', T_PAY, paykey, ARGV[i + 4])
      redis.call('HSET', T_PAYREF, paykey, 1)
      put_delivery(id, { sub, ARGV[i + 2], ARGV[i + 3], paykey, tonumber(ARGV[i + 5]), due })
      if earliest < 0 or due < earliest then
        earliest = due
      end
    end
  end
  if earliest < 0 then
    return { 0, -1 }
  end
  return { raise_version(), earliest }
end

-- ---- archive ----------------------------------------------------------------------------------

-- ARGV: 2 now, 3 from, 4 to. Returns per archived message published in [from, to], oldest first:
-- message id, sequence number, message, publish time.
local function archived()
  purge_archive(tonumber(ARGV[2]))
  local out = {}
  for _, slot in ipairs(redis.call('ZRANGEBYSCORE', T_ARCHAT, ARGV[3], ARGV[4])) do
    local raw = redis.call('HGET', T_ARCH, slot)
    if raw then
      local a = cmsgpack.unpack(raw)
      append(out, a[1], a[2], a[3], a[4])
    else
      redis.call('ZREM', T_ARCHAT, slot)
    end
  end
  return out
end

local steps = {
  create = create,
  update_topic = update_topic,
  delete_topic = delete_topic,
  subscribe = subscribe,
  subscriptions = subscriptions,
  update_subscription = update_subscription,
  set_subscription_fields = set_subscription_fields,
  delete_subscription = delete_subscription,
  publish = publish,
  peek = peek,
  claim = claim,
  reschedule = reschedule,
  complete = complete,
  enqueue = enqueue,
  archived = archived,
}

local step = steps[ARGV[1]]
if not step then
  return redis.error_reply('unknown SNS topic step ' .. tostring(ARGV[1]))
end
return step()
