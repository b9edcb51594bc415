-- documents/lib.lua: the stored form of a document and the steps on it (--@use documents/lib).
-- Knows no service. A document is stored as a JSON object with one member per top-level field:
-- the field's value as JSON text (a string), or, for an object value, an object holding the JSON
-- text of each entry. Values are never parsed here (cjson would turn numbers into doubles and
-- empty arrays into objects); only 'le' reads a number. DocumentCodec.java does the same in Java.
--
-- A step is four arguments: op, field, key, value.
--   conditions: eq (the field's text equals value), le (the field holds a number <= value)
--   changes:    set (field := value), seto (field := the object whose stored form is value),
--               del (remove field), sete (field[key] := value, field made an object if it is not),
--               dele (remove field[key])

-- Whether every condition among the `count` steps from ARGV[first] holds for `doc`.
local function doc_holds(doc, first, count)
  for i = 0, count - 1 do
    local at = first + 4 * i
    local op, current, value = ARGV[at], doc[ARGV[at + 1]], ARGV[at + 3]
    if op == 'eq' then
      if current ~= value then
        return false
      end
    elseif op == 'le' then
      local n = type(current) == 'string' and tonumber(current)
      if not n or n > tonumber(value) then
        return false
      end
    end
  end
  return true
end

-- Applies the changes among the `count` steps from ARGV[first] to `doc`, in order.
local function doc_apply(doc, first, count)
  for i = 0, count - 1 do
    local at = first + 4 * i
    local op, field, key, value = ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
    if op == 'set' then
      doc[field] = value
    elseif op == 'seto' then
      doc[field] = cjson.decode(value)
    elseif op == 'del' then
      doc[field] = nil
    elseif op == 'sete' then
      if type(doc[field]) ~= 'table' then
        doc[field] = {}
      end
      doc[field][key] = value
    elseif op == 'dele' then
      if type(doc[field]) == 'table' then
        doc[field][key] = nil
      end
    end
  end
end
