-- sns/document.lua: the atomic steps on SNS management documents of one kind; ARGV[1] names the step.
-- KEYS: 1 docs hash: id -> JSON
--       2 ids  zset, all scores 0: ids (prefix listing)
local K_DOCS, K_DOC_IDS = KEYS[1], KEYS[2]
local op, id = ARGV[1], ARGV[2]

-- ARGV: 3 JSON, 4 only if absent (0/1). Returns the stored JSON.
if op == 'put' then
  if ARGV[4] == '1' then
    local existing = redis.call('HGET', K_DOCS, id)
    if existing then
      return existing
    end
  end
  redis.call('HSET', K_DOCS, id, ARGV[3])
  redis.call('ZADD', K_DOC_IDS, 0, id)
  return ARGV[3]
end

-- ARGV: 3 JSON read, 4 new JSON. Returns nil if gone, 0 if changed meanwhile (retry), 1 if written.
if op == 'update' then
  local current = redis.call('HGET', K_DOCS, id)
  if not current then
    return false
  end
  if current ~= ARGV[3] then
    return 0
  end
  redis.call('HSET', K_DOCS, id, ARGV[4])
  return 1
end

-- Returns 1 if the document existed, else 0.
if op == 'delete' then
  redis.call('ZREM', K_DOC_IDS, id)
  return redis.call('HDEL', K_DOCS, id)
end
return redis.error_reply('unknown SNS document step ' .. tostring(op))
