--@use common
-- sqs/queue.lua: the library of every SQS queue script (each names it with --@use sqs/queue), which
-- RedisScript prepends to the script's body, so a script is still one self-contained EVAL and one
-- atomic step.
--
-- KEYS: every queue script gets the same 20 keys of ONE queue, in this order; they all share the
-- queue's hash tag ({region/account/name}), so every script runs on Redis Cluster too.
--   1 meta       hash: attrs, tags (JSON), created, modified, version, retention (ms), fifo (0/1),
--                      seq (last sequence number), lastPurge
--   2 msg        hash: message id -> cmsgpack {seq, sent, state, visibleAt, receiveCount,
--                      firstReceive, lastReceive, token, group, dedup, sourceArn, attemptId}
--   3 pay        hash: message id -> payload bytes
--   4 ready      zset: visible message ids, score seq (send order)
--   5 delayed    zset: delayed message ids, score visibleAt
--   6 inflight   zset: in-flight message ids, score visibleAt
--   7 sent       zset: every message id, score sent timestamp (retention, oldest message)
--   8 gready     zset, all scores 0: FIFO visible messages as group \0 seq(20 digits) \0 id
--   9 avail      zset: FIFO groups receivable now (visible messages, none in flight), score head seq
--  10 gflight    hash: FIFO group -> messages in flight
--  11 dedup      hash: deduplication key -> cmsgpack {messageId, sequenceNumber, expiresAt}
--  12 dedupexp   zset: deduplication key, score expiresAt
--  13 attempt    hash: receive request attempt id -> cmsgpack {expiresAt, id1, token1, id2, token2, ...}
--  14 attemptexp zset: attempt id, score expiresAt
--  15 xfer       hash: message id -> cmsgpack transfer record of a message leaving this queue
--                      {tid, id, payload, group, dedup, target, targetSent, targetArn, sent, sourceArn}
--  16 xferat     zset: message ids in xfer, score time staged (or last retried)
--  17 xin        zset: transfer ids already accepted into this queue, score time accepted
--  18 tasks      list: message move task handles, newest first
--  19 task       hash: move task handle -> JSON
--  20 deleted    string: epoch ms when the queue was deleted (for the deleted-recently rule)
-- Absent strings are stored and returned as "" (Lua tables cannot hold nil); absent times as -1.

local K_META, K_MSG, K_PAY, K_READY, K_DELAYED, K_INFLIGHT, K_SENT = KEYS[1], KEYS[2], KEYS[3], KEYS[4],
  KEYS[5], KEYS[6], KEYS[7]
local K_GREADY, K_AVAIL, K_GFLIGHT, K_DEDUP, K_DEDUPEXP = KEYS[8], KEYS[9], KEYS[10], KEYS[11], KEYS[12]
local K_ATTEMPT, K_ATTEMPTEXP, K_XFER, K_XFERAT, K_XIN = KEYS[13], KEYS[14], KEYS[15], KEYS[16], KEYS[17]
local K_TASKS, K_TASK, K_DELETED = KEYS[18], KEYS[19], KEYS[20]

-- fields of a message record
local F_SEQ, F_SENT, F_STATE, F_VIS, F_RC, F_FIRST, F_LAST, F_TOKEN, F_GROUP, F_DEDUP, F_ARN, F_ATTEMPT =
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
local DELAYED, READY, IN_FLIGHT = 'D', 'R', 'F'
-- pending transfers older than this are retried by later operations on their source queue
local XFER_RETRY_MS = 30000
-- accepted transfer ids are remembered this long, so a retried step 2 inserts nothing twice
local XIN_KEEP_MS = 3600000
-- At most this many messages are dropped (retention) or made visible per script call, and at most
-- this many expired deduplication and attempt entries forgotten, so that no call holds Redis long
-- however many fall due together (50,000 due at once took one call ~400 ms); later calls go on
-- where one stopped. counts.lua counts the due ones left over as visible.
local STEP_LIMIT = 1000

local function load_msg(id)
  local raw = redis.call('HGET', K_MSG, id)
  if not raw then
    return nil
  end
  return cmsgpack.unpack(raw)
end

local function save_msg(id, m)
  redis.call('HSET', K_MSG, id, cmsgpack.pack(m))
end

local function group_member(m, id)
  return m[F_GROUP] .. SEP .. pad(m[F_SEQ]) .. SEP .. id
end

-- The queue's retention (ms) and FIFO flag; nil when the queue does not exist.
local function queue_info()
  local info = redis.call('HMGET', K_META, 'retention', 'fifo')
  if not info[1] then
    return nil
  end
  return tonumber(info[1]), info[2] == '1'
end

-- A FIFO group is receivable when it has visible messages and none in flight.
local function refresh_group(group)
  local head = redis.call('ZRANGEBYLEX', K_GREADY, '[' .. group .. SEP, '(' .. group .. '\1', 'LIMIT', 0, 1)[1]
  if head and redis.call('HEXISTS', K_GFLIGHT, group) == 0 then
    redis.call('ZADD', K_AVAIL, tonumber(string.sub(head, #group + 2, #group + 21)), group)
  else
    redis.call('ZREM', K_AVAIL, group)
  end
end

local function group_inflight_done(group)
  if redis.call('HINCRBY', K_GFLIGHT, group, -1) <= 0 then
    redis.call('HDEL', K_GFLIGHT, group)
  end
end

local function make_ready(id, m, fifo)
  m[F_STATE] = READY
  save_msg(id, m)
  redis.call('ZADD', K_READY, m[F_SEQ], id)
  if fifo then
    redis.call('ZADD', K_GREADY, 0, group_member(m, id))
    refresh_group(m[F_GROUP])
  end
end

-- An in-flight message (already out of inflight) becomes visible again.
local function return_to_ready(id, m, fifo)
  if fifo then
    group_inflight_done(m[F_GROUP])
  end
  make_ready(id, m, fifo)
end

local function remove_msg(id, m, fifo)
  redis.call('HDEL', K_MSG, id)
  redis.call('HDEL', K_PAY, id)
  redis.call('ZREM', K_SENT, id)
  local state = m[F_STATE]
  if state == DELAYED then
    redis.call('ZREM', K_DELAYED, id)
  elseif state == IN_FLIGHT then
    redis.call('ZREM', K_INFLIGHT, id)
    if fifo then
      group_inflight_done(m[F_GROUP])
      refresh_group(m[F_GROUP])
    end
  else
    redis.call('ZREM', K_READY, id)
    if fifo then
      redis.call('ZREM', K_GREADY, group_member(m, id))
      refresh_group(m[F_GROUP])
    end
  end
end

-- Stores a new message (delayed until visible_at, else visible); returns its sequence number.
local function insert_msg(id, payload, group, dedup, sent, arn, visible_at, now, fifo)
  local seq = redis.call('HINCRBY', K_META, 'seq', 1)
  local m = { seq, sent, DELAYED, visible_at, 0, 0, 0, '', group, dedup, arn, '' }
  redis.call('HSET', K_PAY, id, payload)
  redis.call('ZADD', K_SENT, sent, id)
  if visible_at > now then
    save_msg(id, m)
    redis.call('ZADD', K_DELAYED, visible_at, id)
  else
    make_ready(id, m, fifo)
  end
  return seq
end

-- True when message m was sent longer than retention ago.
local function past_retention(m, now, retention)
  return m[F_SENT] <= now - retention
end

-- Drops at most STEP_LIMIT messages past retention, oldest first; returns how many it looked at.
local function drop_expired(now, retention, fifo)
  local cutoff = now - retention
  local done = 0
  while done < STEP_LIMIT do
    local old = redis.call('ZRANGEBYSCORE', K_SENT, '-inf', cutoff, 'LIMIT', 0, math.min(CHUNK, STEP_LIMIT - done))
    if #old == 0 then
      break
    end
    for _, id in ipairs(old) do
      local m = load_msg(id)
      if m then
        remove_msg(id, m, fifo)
      else
        redis.call('ZREM', K_SENT, id)
      end
    end
    done = done + #old
  end
  return done
end

-- The due members of zset key (score now or earlier), at most n, earliest first; with whole_runs,
-- when n cut a run of equal scores the rest of the run comes too (FIFO messages delayed to the same
-- millisecond become visible together, or a later one of a group could pass an earlier one).
local function due_members(key, now, n, whole_runs)
  local due = redis.call('ZRANGEBYSCORE', key, '-inf', now, 'WITHSCORES', 'LIMIT', 0, n)
  local ids = {}
  local last, in_run = nil, 0
  for i = 1, #due, 2 do
    ids[#ids + 1] = due[i]
    if due[i + 1] == last then
      in_run = in_run + 1
    else
      last, in_run = due[i + 1], 1
    end
  end
  if whole_runs and #ids == n then
    -- members of equal score come in the same (lexical) order, so the run's first in_run are taken
    for _, id in ipairs(redis.call('ZRANGEBYSCORE', key, last, last, 'LIMIT', in_run, -1)) do
      ids[#ids + 1] = id
    end
  end
  return ids
end

-- Drops messages past retention, then makes due delayed and timed-out in-flight messages visible:
-- STEP_LIMIT messages at most (plus a run of equal delays), earliest due first.
local function promote(now, retention, fifo)
  local budget = STEP_LIMIT - drop_expired(now, retention, fifo)
  for _, key in ipairs({ K_DELAYED, K_INFLIGHT }) do
    while budget > 0 do
      local due = due_members(key, now, math.min(CHUNK, budget), fifo and key == K_DELAYED)
      if #due == 0 then
        break
      end
      for _, id in ipairs(due) do
        redis.call('ZREM', key, id)
        local m = load_msg(id)
        if m then
          if key == K_INFLIGHT then
            return_to_ready(id, m, fifo)
          else
            make_ready(id, m, fifo)
          end
        end
      end
      budget = budget - #due
    end
  end
end

-- Opens the queue for a message operation as of now: drops expired messages and makes due ones
-- visible. Returns its retention (ms) and FIFO flag, or nil when the queue does not exist.
local function open_queue(now)
  local retention, fifo = queue_info()
  if retention then
    promote(now, retention, fifo)
  end
  return retention, fifo
end

-- Earliest time a delayed or in-flight message becomes visible, or -1.
local function next_change_at()
  local earliest = -1
  for _, key in ipairs({ K_DELAYED, K_INFLIGHT }) do
    local first = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
    if first[2] then
      local at = tonumber(first[2])
      if earliest == -1 or at < earliest then
        earliest = at
      end
    end
  end
  return earliest
end

-- Appends the 8 fields Java needs to finish a transfer (see RedisQueueStore.Transfer) to out.
local function push_transfer(out, rec)
  for i = 1, 8 do
    out[#out + 1] = rec[i]
  end
end

-- Step 1 of a move to another queue: takes a message (already out of ready/gready) off this queue
-- and keeps it, payload included, as a pending transfer until step 3 acknowledges it.
local function stage_transfer(id, m, tid, target, target_sent, target_arn, now, out)
  local payload = redis.call('HGET', K_PAY, id) or ''
  redis.call('HDEL', K_MSG, id)
  redis.call('HDEL', K_PAY, id)
  redis.call('ZREM', K_SENT, id)
  local rec = { tid, id, payload, m[F_GROUP], m[F_DEDUP], target, target_sent, target_arn, m[F_SENT], m[F_ARN] }
  redis.call('HSET', K_XFER, id, cmsgpack.pack(rec))
  redis.call('ZADD', K_XFERAT, now, id)
  push_transfer(out, rec)
end

-- Pending transfers left over (a node died between steps) are handed back to the caller to retry;
-- they are re-stamped so concurrent operations do not retry them at the same time.
local function stale_transfers(now, out)
  local ids = redis.call('ZRANGEBYSCORE', K_XFERAT, '-inf', now - XFER_RETRY_MS, 'LIMIT', 0, 64)
  local n = 0
  for _, id in ipairs(ids) do
    local raw = redis.call('HGET', K_XFER, id)
    if raw then
      redis.call('ZADD', K_XFERAT, now, id)
      push_transfer(out, cmsgpack.unpack(raw))
      n = n + 1
    else
      redis.call('ZREM', K_XFERAT, id)
    end
  end
  return n
end

-- The pending transfer of message id if its transfer id is tid, removed from this queue; else nil.
local function take_pending(id, tid)
  local raw = redis.call('HGET', K_XFER, id)
  if not raw then
    return nil
  end
  local rec = cmsgpack.unpack(raw)
  if rec[1] ~= tid then
    return nil
  end
  redis.call('HDEL', K_XFER, id)
  redis.call('ZREM', K_XFERAT, id)
  return rec
end

