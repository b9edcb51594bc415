--@use sqs/queue
-- sqs/change_visibility.lua: sets a new visibility deadline (now + ms; 0 makes the message visible at
-- once) on in-flight messages whose newest receipt token matches. A change also ends the
-- message's receive attempt (a retried attempt then receives afresh).
-- KEYS: the queue's keys (see sqs/queue.lua).
-- ARGV: 1 now, 2 max total ms after the latest receive, then per change 3 values:
--       message id, receipt token, visibility ms
-- Returns nil if the queue is gone, else per change 0 CHANGED, 1 NOT_IN_FLIGHT, 2 INVALID_HANDLE,
-- 3 EXCEEDS_MAXIMUM, 4 CHANGED_EARLIER (changed, visible earlier than before).
local now, max_total = tonumber(ARGV[1]), tonumber(ARGV[2])
local retention, fifo = open_queue(now)
if not retention then
  return false
end
local out = {}
for i = 3, #ARGV, 3 do
  local id, token, visibility = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local m = load_msg(id)
  if not m or m[F_TOKEN] == '' or m[F_TOKEN] ~= token then
    out[#out + 1] = 2
  elseif m[F_STATE] ~= IN_FLIGHT then
    out[#out + 1] = 1
  elseif now + visibility > m[F_LAST] + max_total then
    out[#out + 1] = 3
  else
    m[F_ATTEMPT] = ''
    redis.call('ZREM', K_INFLIGHT, id)
    local earlier = now + visibility < m[F_VIS]
    if visibility == 0 then
      return_to_ready(id, m, fifo)
    else
      m[F_VIS] = now + visibility
      save_msg(id, m)
      redis.call('ZADD', K_INFLIGHT, now + visibility, id)
    end
    out[#out + 1] = earlier and 4 or 0
  end
end
return out
