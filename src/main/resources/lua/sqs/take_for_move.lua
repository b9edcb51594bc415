--@use sqs/queue
-- sqs/take_for_move.lua: step 1 of moveMessages: stages up to max visible messages (FIFO: skipping
-- groups with a message in flight) as pending transfers, in send order. The target of each is the
-- fixed target ARN, or, when that is "", the message's dead-letter source ARN (messages without one
-- stay). Moved messages get sent timestamp now and no source ARN in their new queue.
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 max, 3 fixed target ARN or "", 4 nonce (unique per call)
-- Returns nil if the queue is gone, else {staged count, 8 values per staged transfer, then 8 values
-- per stale pending transfer to retry (see sqs/queue.lua push_transfer)}.
local now, max, fixed_target, nonce = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
local retention, fifo = open_queue(now)
if not retention then
  return false
end
local staged = {}
local taken = 0
local skipped = 0
local touched_groups = {}
while taken < max do
  local ids = redis.call('ZRANGE', K_READY, skipped, skipped + CHUNK - 1)
  if #ids == 0 then
    break
  end
  for _, id in ipairs(ids) do
    if taken >= max then
      break
    end
    local m = load_msg(id)
    if not m then
      redis.call('ZREM', K_READY, id)
    elseif (fixed_target == '' and m[F_ARN] == '')
        or (fifo and redis.call('HEXISTS', K_GFLIGHT, m[F_GROUP]) == 1) then
      skipped = skipped + 1
    else
      redis.call('ZREM', K_READY, id)
      if fifo then
        redis.call('ZREM', K_GREADY, group_member(m, id))
        touched_groups[m[F_GROUP]] = true
      end
      local target = fixed_target ~= '' and fixed_target or m[F_ARN]
      stage_transfer(id, m, nonce .. ':' .. id, target, now, '', now, staged)
      taken = taken + 1
    end
  end
end
for group in pairs(touched_groups) do
  refresh_group(group)
end
local out = { taken }
for _, v in ipairs(staged) do
  out[#out + 1] = v
end
stale_transfers(now, out)
return out
