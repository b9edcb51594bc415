--@use sqs/queue
-- sqs/send.lua: stores messages in order. FIFO: a deduplication id seen within the deduplication window
-- answers the original message id and sequence number and stores nothing.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 fifo (0/1), 3 deduplicate within group (0/1), 4 deduplication window ms, then per
--       message 5 values:
--       message id, payload, group ("" if none), deduplication id ("" if none), delay ms
-- Returns nil if the queue is gone, else per message {message id, sequence number or "", duplicate 0/1}.
local now = tonumber(ARGV[1])
local retention, queue_fifo = queue_info()
if not retention then
  return false
end
-- Visibility changes cannot affect a send; only expired messages go first.
drop_expired(now, retention, queue_fifo)
local fifo = ARGV[2] == '1'
local per_group = ARGV[3] == '1'
local DEDUP_WINDOW_MS = tonumber(ARGV[4])
if fifo then
  expire_entries(K_DEDUP, K_DEDUPEXP, now, STEP_LIMIT)
end
local out = {}
for i = 5, #ARGV, 5 do
  local id, payload, group, dedup, delay = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4])
  local dedup_key = nil
  local seen = nil
  if fifo then
    dedup_key = per_group and (group .. SEP .. dedup) or dedup
    local raw = redis.call('HGET', K_DEDUP, dedup_key)
    if raw then
      seen = cmsgpack.unpack(raw)
      if seen[3] <= now then
        seen = nil
      end
    end
  else
    dedup = ''
  end
  if seen then
    out[#out + 1] = seen[1]
    out[#out + 1] = seen[2]
    out[#out + 1] = 1
  else
    local seq = insert_msg(id, payload, group, dedup, now, '', now + delay, now, queue_fifo)
    local sequence_number = ''
    if fifo then
      sequence_number = pad(seq)
      redis.call('HSET', K_DEDUP, dedup_key, cmsgpack.pack({ id, sequence_number, now + DEDUP_WINDOW_MS }))
      redis.call('ZADD', K_DEDUPEXP, now + DEDUP_WINDOW_MS, dedup_key)
    end
    out[#out + 1] = id
    out[#out + 1] = sequence_number
    out[#out + 1] = 0
  end
end
return out
