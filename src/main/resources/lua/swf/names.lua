-- swf/names.lua: reserves a domain name in its account's index, under the account's limit.
-- KEYS[1] names (zset, score 0): the names of the account's domains in a region, under the hash tag
--         {domains:<region>/<account>}
-- ARGV[1] name, ARGV[2] limit -> 'DONE' (reserved now or before), or 'LIMIT'
-- Domains are never deleted, so the index only grows; RegisterDomain reserves the name here first,
-- then registers the domain under its own tag (a name reserved by a node that died before that
-- second step is registered by the next RegisterDomain of that name, and is skipped by listings).
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  return 'DONE'
end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 'LIMIT'
end
redis.call('ZADD', KEYS[1], 0, ARGV[1])
return 'DONE'
