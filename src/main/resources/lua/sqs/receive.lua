--@use sqs/queue
-- sqs/receive.lua: receives up to max visible messages, making them in flight with a new receipt token.
-- Messages already received maxReceiveCount times are staged as transfers to the dead-letter queue
-- instead (step 1 of a cross-queue move; the caller inserts them there and acknowledges). A FIFO
-- retry with the same receive attempt id within the attempt window answers the same messages and tokens.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 max messages, 3 visibility ms, 4 in-flight quota, 5 maxReceiveCount (0: no redrive),
--       6 dead-letter queue ARN, 7 keep sent timestamp in the dead-letter queue (0/1), 8 this queue's
--       ARN, 9 receive attempt id ("" if none), 10 nonce (unique per call), 11 attempt window ms
-- Returns nil if the queue is gone, else {overLimit 0/1, nextChangeAt or -1, message count,
--   10 values per message: id, token, payload, sent, receiveCount, firstReceive, group, dedup,
--   seq, sourceArn; then 8 values per transfer to finish (see sqs/queue.lua push_transfer)}.
local now = tonumber(ARGV[1])
local max, visibility, quota = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local max_receives, dlq_arn, keep_sent, own_arn = tonumber(ARGV[5]), ARGV[6], ARGV[7] == '1', ARGV[8]
local attempt_id, nonce = ARGV[9], ARGV[10]
local ATTEMPT_WINDOW_MS = tonumber(ARGV[11])
local retention, fifo = open_queue(now)
if not retention then
  return false
end

local messages = {}
local transfers = {}
local count = 0

local function view(id, m)
  messages[#messages + 1] = id
  messages[#messages + 1] = m[F_TOKEN]
  messages[#messages + 1] = redis.call('HGET', K_PAY, id) or ''
  messages[#messages + 1] = m[F_SENT]
  messages[#messages + 1] = m[F_RC]
  messages[#messages + 1] = m[F_FIRST]
  messages[#messages + 1] = m[F_GROUP]
  messages[#messages + 1] = m[F_DEDUP]
  messages[#messages + 1] = fifo and pad(m[F_SEQ]) or ''
  messages[#messages + 1] = m[F_ARN]
  count = count + 1
end

local function reply(over_limit)
  stale_transfers(now, transfers)
  local out = { over_limit, next_change_at(), count }
  for _, v in ipairs(messages) do
    out[#out + 1] = v
  end
  for _, v in ipairs(transfers) do
    out[#out + 1] = v
  end
  return out
end

local function due_for_dead_letter(m)
  return max_receives > 0 and m[F_RC] >= max_receives
end

local function dead_letter(id, m)
  stage_transfer(id, m, nonce .. ':' .. id, dlq_arn, keep_sent and m[F_SENT] or now, own_arn, now, transfers)
end

local function deliver(id, m)
  m[F_STATE] = IN_FLIGHT
  m[F_RC] = m[F_RC] + 1
  if m[F_FIRST] == 0 then
    m[F_FIRST] = now
  end
  m[F_LAST] = now
  m[F_TOKEN] = m[F_RC] .. '-' .. nonce
  m[F_VIS] = now + visibility
  m[F_ATTEMPT] = attempt_id
  save_msg(id, m)
  redis.call('ZADD', K_INFLIGHT, now + visibility, id)
  view(id, m)
end

-- How many visible messages this call may still take without delivering them (dead-lettered or past
-- retention), so that a queue full of them costs many short calls rather than one long one.
local skips_left = STEP_LIMIT

-- A visible message, already out of ready (and gready), is dropped (past retention, not yet dropped
-- by a bounded drop_expired), dead-lettered or delivered; true if delivered.
local function take(id)
  local m = load_msg(id)
  if not m then
    return false
  end
  if past_retention(m, now, retention) then
    remove_msg(id, m, fifo)
    skips_left = skips_left - 1
    return false
  end
  if due_for_dead_letter(m) then
    dead_letter(id, m)
    skips_left = skips_left - 1
    return false
  end
  deliver(id, m)
  return true
end

-- A repeated receive attempt: the same messages and tokens, if none was deleted or changed since.
if attempt_id ~= '' then
  expire_entries(K_ATTEMPT, K_ATTEMPTEXP, now, STEP_LIMIT)
  local raw = redis.call('HGET', K_ATTEMPT, attempt_id)
  local a = raw and cmsgpack.unpack(raw)
  if a and a[1] > now then
    local same = {}
    for i = 2, #a, 2 do
      local m = load_msg(a[i])
      if not m or m[F_STATE] ~= IN_FLIGHT or m[F_TOKEN] ~= a[i + 1] or m[F_ATTEMPT] ~= attempt_id then
        same = nil
        break
      end
      same[#same + 1] = { a[i], m }
    end
    if same then
      for _, entry in ipairs(same) do
        local id, m = entry[1], entry[2]
        m[F_VIS] = now + visibility
        save_msg(id, m)
        redis.call('ZADD', K_INFLIGHT, now + visibility, id)
        view(id, m)
      end
      return reply(0)
    end
  end
  if a then
    redis.call('HDEL', K_ATTEMPT, attempt_id)
    redis.call('ZREM', K_ATTEMPTEXP, attempt_id)
  end
end

-- in-flight messages already due but left for later calls by the bounded promotion are not in flight
local capacity = quota - redis.call('ZCARD', K_INFLIGHT) + redis.call('ZCOUNT', K_INFLIGHT, '-inf', now)
if capacity <= 0 then
  return reply(redis.call('ZCARD', K_READY) > 0 and 1 or 0)
end
local want = math.min(max, capacity)

if fifo then
  while count < want and skips_left > 0 do
    local group = redis.call('ZRANGE', K_AVAIL, 0, 0)[1]
    if not group then
      break
    end
    while count < want and skips_left > 0 do
      local head = redis.call('ZRANGEBYLEX', K_GREADY, '[' .. group .. SEP, '(' .. group .. '\1', 'LIMIT', 0, 1)[1]
      if not head then
        break
      end
      local id = string.sub(head, #group + 23)
      redis.call('ZREM', K_GREADY, head)
      redis.call('ZREM', K_READY, id)
      if take(id) then
        redis.call('HINCRBY', K_GFLIGHT, group, 1)
      end
    end
    refresh_group(group)
  end
else
  while count < want and skips_left > 0 do
    local ids = redis.call('ZRANGE', K_READY, 0, want - count - 1)
    if #ids == 0 then
      break
    end
    for _, id in ipairs(ids) do
      redis.call('ZREM', K_READY, id)
      take(id)
    end
  end
end

if attempt_id ~= '' and count > 0 then
  local a = { now + ATTEMPT_WINDOW_MS }
  for i = 1, #messages, 10 do
    a[#a + 1] = messages[i]
    a[#a + 1] = messages[i + 1]
  end
  redis.call('HSET', K_ATTEMPT, attempt_id, cmsgpack.pack(a))
  redis.call('ZADD', K_ATTEMPTEXP, now + ATTEMPT_WINDOW_MS, attempt_id)
end
return reply(0)
