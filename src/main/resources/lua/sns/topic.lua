--@use common
--@use record
--@use scheduler
-- sns/topic.lua: every atomic step on one SNS topic; ARGV[1] names the step (see the functions at
-- the end), the rest are its arguments.
--
-- KEYS: the topic's 9 keys and the 6 keys of its partition of the deliveries scheduler (its
-- outbox, see scheduler.lua), all under its hash tag {<topicArn>}, in this order:
--   1 meta      hash: rec (topic JSON), seq (last FIFO sequence number), subn (subscriptions created),
--                     arcn (messages archived)
--   2 subs      hash: subscription ARN -> subscription JSON
--   3 suborder  zset: subscription ARN, score subn at its creation
--   4 subkey    hash: 'k' protocol \n endpoint -> ARN and 'a' ARN -> protocol \n endpoint
--   5 dedup     hash: FIFO deduplication id -> cmsgpack {messageId, sequenceNumber}
--   6 dedupexp  zset: deduplication id, score when it expires
--   7 arch      hash: pad(arcn) -> cmsgpack {messageId, sequenceNumber, message, published, keepUntil}
--   8 archat    zset: pad(arcn), score published (ties keep publish order)
--   9 archexp   zset: pad(arcn), score keepUntil
--  10-15        the deliveries: one item per delivery, tagged with its subscription ARN, its payload
--               messageId \n sequenceNumber \n message shared by the message's deliveries under the
--               key 'm' messageId (TopicStore.Delivery reads it)
-- A sequence number of a standard topic is "". Times are epoch ms.

local T_META, T_SUBS, T_SUBORDER, T_SUBKEY, T_DEDUP, T_DEDUPEXP, T_ARCH, T_ARCHAT, T_ARCHEXP = KEYS[1], KEYS[2],
  KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9]
local OUTBOX = sched_partition(10)

local function topic_exists()
  return redis.call('EXISTS', T_META) == 1
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

-- ARGV: 2 topic JSON. Returns {1} if created, {0, stored JSON} if it existed.
local function create()
  local existing = redis.call('HGET', T_META, 'rec')
  if existing then
    return { 0, existing }
  end
  redis.call('HSET', T_META, 'rec', ARGV[2], 'seq', 0, 'subn', 0, 'arcn', 0)
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

-- Returns 1 if the topic existed (and is now gone with everything of it, its deliveries too), else 0.
local function delete_topic()
  if not topic_exists() then
    return 0
  end
  redis.call('UNLINK', T_META, T_SUBS, T_SUBORDER, T_SUBKEY, T_DEDUP, T_DEDUPEXP, T_ARCH, T_ARCHAT, T_ARCHEXP)
  sched_drop(OUTBOX)
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
  sched_remove_tag(OUTBOX, arn)
  return 1
end

-- ---- publishing ------------------------------------------------------------------------------

-- ARGV: 2 now, 3 fifo (0/1), 4 holder of the new deliveries, 5 lease until, 6 archive until (0: not
-- archived), 7 deduplication window, 8 delivery id base, then per entry: message id, deduplication
-- id, message, n, n subscription ARNs.
-- Returns nil if the topic is gone, else {version of the outbox if the due index must be lowered to
-- the lease's end (else 0), then per entry: message id, sequence number, duplicate (0/1),
-- n deliveries, n pairs of delivery id and subscription ARN}.
local function publish()
  if not topic_exists() then
    return false
  end
  local now, fifo, holder, lease, keep, window, base = tonumber(ARGV[2]), ARGV[3] == '1', ARGV[4],
    tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
  if fifo then
    expire_entries(T_DEDUP, T_DEDUPEXP, now)
  end
  purge_archive(now)
  local out = { 0 }
  local made = 0
  local i = 9
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
        redis.call('ZADD', T_DEDUPEXP, now + window, dedup)
      end
      if keep > now then
        local slot = pad(redis.call('HINCRBY', T_META, 'arcn', 1))
        redis.call('HSET', T_ARCH, slot, cmsgpack.pack({ msg, seq, message, now, keep }))
        redis.call('ZADD', T_ARCHAT, now, slot)
        redis.call('ZADD', T_ARCHEXP, keep, slot)
      end
      append(out, msg, seq, 0, 0)
      local count_at = #out
      local payload = nil
      local created = 0
      for j = first_sub, first_sub + n - 1 do
        local sub = ARGV[j]
        if redis.call('HEXISTS', T_SUBS, sub) == 1 then
          made = made + 1
          created = created + 1
          local id = base .. '-' .. made
          payload = payload or (msg .. '\n' .. seq .. '\n' .. message)
          sched_add(OUTBOX, now, id, sub, 0, lease, holder, 'm' .. msg, payload)
          append(out, id, sub)
        end
      end
      out[count_at] = created
    end
  end
  out[1] = sched_added(OUTBOX)
  return out
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
  archived = archived,
}

return run_step(steps, 'SNS topic')
