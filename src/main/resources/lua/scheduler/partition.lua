--@use scheduler
-- scheduler/partition.lua: every step of the durable scheduler on one partition; ARGV[1] names the
-- step (see the functions at the end), the rest are its arguments. KEYS: the partition's 6 keys (see
-- scheduler.lua).

local P = sched_partition(1)

-- ARGV: 2 now, then per item 7 values: id, tag, attempt, due time, holder, payload key, payload.
-- Returns {version if the due index must be lowered (else 0), earliest due time added}.
local function add()
  local now = tonumber(ARGV[2])
  for i = 3, #ARGV, 7 do
    sched_add(P, now, ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), tonumber(ARGV[i + 3]), ARGV[i + 4], ARGV[i + 5],
      ARGV[i + 6])
  end
  return { sched_added(P), P.lowest }
end

-- ARGV: 2 now, 3 max. See sched_peek.
local function peek()
  return sched_peek(P, ARGV[2], tonumber(ARGV[3]))
end

-- ARGV: 2 now, 3 max, 4 holder, 5 lease until. See sched_claim.
local function claim()
  return sched_claim(P, ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]))
end

-- ARGV: 2 item id, 3 holder, 4 lease until. Returns 1 if renewed, 0 if not held by holder.
local function renew()
  return sched_renew(P, ARGV[2], ARGV[3], tonumber(ARGV[4]))
end

-- ARGV: 2 item id, 3 holder, 4 attempt, 5 due time. Returns the new version, 0 if not held by holder.
local function reschedule()
  return sched_reschedule(P, ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]))
end

-- ARGV: 2.. item ids. Returns how many of them were there.
local function complete()
  local removed = 0
  for i = 2, #ARGV do
    if sched_remove(P, ARGV[i]) then
      removed = removed + 1
    end
  end
  return removed
end

-- ARGV: 2 tag.
local function remove_tag()
  sched_remove_tag(P, ARGV[2])
  return 0
end

local function drop()
  sched_drop(P)
  return 0
end

local steps = {
  add = add,
  peek = peek,
  claim = claim,
  renew = renew,
  reschedule = reschedule,
  complete = complete,
  remove_tag = remove_tag,
  drop = drop,
}

return run_step(steps, 'scheduler')
