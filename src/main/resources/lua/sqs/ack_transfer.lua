--@use sqs/queue
-- sqs/ack_transfer.lua: step 3 of a cross-queue move: forgets pending transfers the target accepted.
-- A pending entry whose transfer id differs (the message left again since) is kept.
-- KEYS: the source queue's keys (see sqs/queue.lua).
-- ARGV: per transfer 2 values: message id, transfer id
-- Returns the number of pending transfers removed.
local removed = 0
for i = 1, #ARGV, 2 do
  if take_pending(ARGV[i], ARGV[i + 1]) then
    removed = removed + 1
  end
end
return removed
