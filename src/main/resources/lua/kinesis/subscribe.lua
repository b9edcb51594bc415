-- Takes the subscription of a consumer to a shard, unless the last one was taken too recently.
-- KEYS[1] subscription (hash): token, since (when taken), until (when it is no longer kept)
-- ARGV[1] token, ARGV[2] now, ARGV[3] refuse millis, ARGV[4] keep millis
-- -> 1 taken, 0 refused
local key = KEYS[1]
local now = tonumber(ARGV[2])
local since = redis.call('HGET', key, 'since')
local untilMillis = redis.call('HGET', key, 'until')
if since and tonumber(untilMillis) > now and now < tonumber(since) + tonumber(ARGV[3]) then
  return 0
end
redis.call('HSET', key, 'token', ARGV[1], 'since', ARGV[2], 'until', string.format('%d', now + tonumber(ARGV[4])))
redis.call('PEXPIRE', key, ARGV[4])
return 1
