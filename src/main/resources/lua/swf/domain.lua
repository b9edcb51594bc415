--@use common
-- swf/domain.lua: every atomic step on one SWF domain and its types; ARGV[1] names the step (see the
-- functions at the end), the rest are its arguments. Each answers DONE, MISSING, EXISTS, CONFLICT,
-- DEPRECATED or LIMIT (DomainStore.Outcome), reads answer their data.
--
-- KEYS: the domain's 5 keys, all under its hash tag {domain:<region>/<account>/<name>}, in this order:
--   1 domain    hash: rec (the domain as registered, JSON), st (REGISTERED or DEPRECATED), tags (JSON list)
--   2 wtypes    hash: type field (JSON ["name","version"]) -> the workflow type as registered, JSON
--   3 wstatus   hash: type field -> 'REGISTERED' or 'DEPRECATED <millis>'
--   4 atypes    hash: as 2, activity types
--   5 astatus   hash: as 3, activity types
-- A step on types names the kind by its types key's index (2 workflow, 4 activity); its status hash
-- is the next key.

local D_DOMAIN = KEYS[1]

local function domain_status()
  return redis.call('HGET', D_DOMAIN, 'st')
end

-- create <rec> <tags>
local function create()
  if domain_status() then
    return 'EXISTS'
  end
  redis.call('HSET', D_DOMAIN, 'rec', ARGV[2], 'st', 'REGISTERED', 'tags', ARGV[3])
  return 'DONE'
end

-- status <from> <to> <now>: deprecating the domain deprecates its registered types
local function status()
  local st = domain_status()
  if not st then
    return 'MISSING'
  end
  if st ~= ARGV[2] then
    return 'CONFLICT'
  end
  redis.call('HSET', D_DOMAIN, 'st', ARGV[3])
  if ARGV[3] == 'DEPRECATED' then
    for _, statuses in ipairs({KEYS[3], KEYS[5]}) do
      local all = redis.call('HGETALL', statuses)
      for i = 1, #all, 2 do
        if all[i + 1] == 'REGISTERED' then
          redis.call('HSET', statuses, all[i], 'DEPRECATED ' .. ARGV[4])
        end
      end
    end
  end
  return 'DONE'
end

-- tags <expected> <updated>
local function tags()
  if not domain_status() then
    return 'MISSING'
  end
  if redis.call('HGET', D_DOMAIN, 'tags') ~= ARGV[2] then
    return 'CONFLICT'
  end
  redis.call('HSET', D_DOMAIN, 'tags', ARGV[3])
  return 'DONE'
end

-- register <kind index> <field> <json> <limit>
local function register()
  local st = domain_status()
  if not st then
    return 'MISSING'
  end
  if st == 'DEPRECATED' then
    return 'DEPRECATED'
  end
  local types = KEYS[tonumber(ARGV[2])]
  if redis.call('HEXISTS', types, ARGV[3]) == 1 then
    return 'EXISTS'
  end
  if redis.call('HLEN', types) >= tonumber(ARGV[5]) then
    return 'LIMIT'
  end
  redis.call('HSET', types, ARGV[3], ARGV[4])
  redis.call('HSET', KEYS[tonumber(ARGV[2]) + 1], ARGV[3], 'REGISTERED')
  return 'DONE'
end

-- typestatus <kind index> <field> <from> <to> <now>
local function typestatus()
  local statuses = KEYS[tonumber(ARGV[2]) + 1]
  local st = redis.call('HGET', statuses, ARGV[3])
  if not st then
    return 'MISSING'
  end
  if string.sub(st, 1, #ARGV[4]) ~= ARGV[4] then
    return 'CONFLICT'
  end
  redis.call('HSET', statuses, ARGV[3], ARGV[5] == 'DEPRECATED' and ('DEPRECATED ' .. ARGV[6]) or ARGV[5])
  return 'DONE'
end

-- delete <kind index> <field>: only a deprecated type
local function delete()
  local types = KEYS[tonumber(ARGV[2])]
  local statuses = KEYS[tonumber(ARGV[2]) + 1]
  local st = redis.call('HGET', statuses, ARGV[3])
  if not st then
    return 'MISSING'
  end
  if string.sub(st, 1, 10) ~= 'DEPRECATED' then
    return 'CONFLICT'
  end
  redis.call('HDEL', types, ARGV[3])
  redis.call('HDEL', statuses, ARGV[3])
  return 'DONE'
end

-- type <kind index> <field> -> {json, status}, or nil
local function get_type()
  local rec = redis.call('HGET', KEYS[tonumber(ARGV[2])], ARGV[3])
  if not rec then
    return nil
  end
  return {rec, redis.call('HGET', KEYS[tonumber(ARGV[2]) + 1], ARGV[3])}
end

-- types <kind index> -> {json, status, json, status, ...}
local function list_types()
  local types = KEYS[tonumber(ARGV[2])]
  local statuses = KEYS[tonumber(ARGV[2]) + 1]
  local all = redis.call('HGETALL', types)
  local out = {}
  for i = 1, #all, 2 do
    out[#out + 1] = all[i + 1]
    out[#out + 1] = redis.call('HGET', statuses, all[i]) or 'REGISTERED'
  end
  return out
end

return run_step({create = create, status = status, tags = tags, register = register, typestatus = typestatus,
  delete = delete, type = get_type, types = list_types}, 'SWF domain')
