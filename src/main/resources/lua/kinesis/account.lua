-- One step on a Kinesis account's settings in a region: its minimum throughput billing commitment.
-- KEYS[1] settings (hash): started, earliest, ended (epoch millis; absent: none)
-- ARGV[1] now, ARGV[2] 'enable', 'disable' or 'read'
-- -> {started, earliest, ended} after the step, '' for an absent one.
-- io.sluice.kinesis.model.Commitment.apply applies the same rules in Java.
local key = KEYS[1]
local now = tonumber(ARGV[1])
local step = ARGV[2]
local started = tonumber(redis.call('HGET', key, 'started') or '')
local earliest = tonumber(redis.call('HGET', key, 'earliest') or '')
local ended = tonumber(redis.call('HGET', key, 'ended') or '')
local running = started ~= nil and (ended == nil or ended > now)
if step == 'enable' then
  if running then
    redis.call('HDEL', key, 'ended')
    ended = nil
  else
    started = now
    earliest = now + 24 * 3600000
    ended = nil
    redis.call('HSET', key, 'started', string.format('%d', started), 'earliest', string.format('%d', earliest))
    redis.call('HDEL', key, 'ended')
  end
elseif step == 'disable' then
  if running and ended == nil then
    ended = math.max(now, earliest)
    redis.call('HSET', key, 'ended', string.format('%d', ended))
  end
end
local function text(n)
  if n == nil then
    return ''
  end
  return string.format('%d', n)
end
return {text(started), text(earliest), text(ended)}
