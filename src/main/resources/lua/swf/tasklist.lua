-- swf/tasklist.lua: one SWF task list, under its hash tag {tl:<region>/<account>/<domain>/<d|a>/<name>}.
-- KEYS[1] tasks (zset): score = -priority, member = 16-digit sequence .. task JSON, so that ZPOPMIN
--         hands out the highest priority first and, within one, the first queued
-- KEYS[2] seq (string): the last sequence given
-- queue   <priority> <task> <priority> <task> ...  appends each behind those of its priority
-- putback <priority> <task>                        puts it ahead of those of its priority (sequence 0)
local step = ARGV[1]
if step == 'queue' then
  for i = 2, #ARGV, 2 do
    local seq = redis.call('INCR', KEYS[2])
    redis.call('ZADD', KEYS[1], -tonumber(ARGV[i]), string.format('%016d', seq) .. ARGV[i + 1])
  end
  return 'DONE'
end
if step == 'putback' then
  redis.call('ZADD', KEYS[1], -tonumber(ARGV[2]), string.format('%016d', 0) .. ARGV[3])
  return 'DONE'
end
return redis.error_reply('unknown step ' .. tostring(step))
