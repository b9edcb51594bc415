-- record.lua: applies a record change (io.sluice.storage.RecordChange documents the rules; the
-- in-memory engines apply the same rules in Java) to a record's attributes and tags, held as Lua
-- tables decoded from JSON. Knows no service: names, keys and limits come with the change.
-- A change (decoded from its JSON): {attributes = map edit, tags = map edit, element = element edit
-- or absent}; a map edit: {put = {k = v}, putIfAbsent = {k = v}, remove = {k, ...}, max = n};
-- an element edit: {attribute, array, keyField, key, element (absent: remove), template (or absent),
-- maxElements, maxBytes, dropWhenEmpty}. 0 as a limit means none.

-- Applies a map edit in place; false when the map then holds more entries than the edit allows.
local function edit_map(map, edit)
  for _, key in ipairs(edit.remove) do
    map[key] = nil
  end
  for key, value in pairs(edit.put) do
    map[key] = value
  end
  for key, value in pairs(edit.putIfAbsent) do
    if map[key] == nil then
      map[key] = value
    end
  end
  if edit.max == 0 then
    return true
  end
  local n = 0
  for _ in pairs(map) do
    n = n + 1
  end
  return n <= edit.max
end

-- The index of the first character at or after i that is not JSON white space.
local function skip_ws(s, i)
  return string.find(s, '[^ \t\r\n]', i) or #s + 1
end

-- The index just after the JSON value that starts at i.
local function value_end(s, i)
  local c = string.sub(s, i, i)
  if c == '"' then
    local j = i + 1
    while true do
      local q = string.find(s, '["\\]', j)
      if not q then
        error('unterminated JSON string')
      end
      if string.sub(s, q, q) == '"' then
        return q + 1
      end
      j = q + 2
    end
  end
  if c == '{' or c == '[' then
    local depth, j = 0, i
    while true do
      local p = string.find(s, '[][{}"]', j)
      if not p then
        error('unterminated JSON value')
      end
      local ch = string.sub(s, p, p)
      if ch == '"' then
        j = value_end(s, p)
      else
        depth = depth + ((ch == '{' or ch == '[') and 1 or -1)
        j = p + 1
        if depth == 0 then
          return j
        end
      end
    end
  end
  return string.find(s, '[,}%] \t\r\n]', i) or #s + 1
end

-- The elements of the value in [first, after): an array's values, or an object alone.
local function elements_of(s, first, after)
  local c = string.sub(s, first, first)
  if c == '{' then
    return { string.sub(s, first, after - 1) }
  end
  local out = {}
  if c ~= '[' then
    return out
  end
  local i = skip_ws(s, first + 1)
  while string.sub(s, i, i) ~= ']' do
    local e = value_end(s, i)
    out[#out + 1] = string.sub(s, i, e - 1)
    i = skip_ws(s, e)
    if string.sub(s, i, i) == ',' then
      i = skip_ws(s, i + 1)
    end
  end
  return out
end

-- The element's string member field, or nil (not an object, no such string member).
local function key_of(element, field)
  local ok, decoded = pcall(cjson.decode, element)
  if ok and type(decoded) == 'table' and type(decoded[field]) == 'string' then
    return decoded[field]
  end
  return nil
end

-- Applies an element edit to attrs in place; returns the status. The document is scanned as text
-- and only the edited list is rewritten, so everything else keeps its bytes (cjson would reorder).
local function edit_element(attrs, e)
  local stored = attrs[e.attribute] or e.template
  if stored == nil then
    return 'ELEMENT_MISSING'
  end
  local doc = stored
  if string.sub(stored, skip_ws(stored, 1), skip_ws(stored, 1)) ~= '{' then
    doc = '{}'
  end
  local members = {}
  local i = skip_ws(doc, skip_ws(doc, 1) + 1)
  while string.sub(doc, i, i) == '"' do
    local key_end = value_end(doc, i)
    local key = cjson.decode(string.sub(doc, i, key_end - 1))
    local first = skip_ws(doc, skip_ws(doc, key_end) + 1)
    local after = value_end(doc, first)
    members[#members + 1] = { key, first, after }
    i = skip_ws(doc, after)
    if string.sub(doc, i, i) == ',' then
      i = skip_ws(doc, i + 1)
    end
  end
  local close = i
  local found = nil
  for _, m in ipairs(members) do
    if m[1] == e.array then
      found = m
    end
  end
  local elements = found and elements_of(doc, found[2], found[3]) or {}
  local at = nil
  for k, element in ipairs(elements) do
    if key_of(element, e.keyField) == e.key then
      at = k
      break
    end
  end
  if e.element then
    if at then
      return 'ELEMENT_EXISTS'
    end
    if e.maxElements > 0 and #elements >= e.maxElements then
      return 'TOO_MANY_ELEMENTS'
    end
    elements[#elements + 1] = e.element
  else
    if not at then
      return 'ELEMENT_MISSING'
    end
    table.remove(elements, at)
    if #elements == 0 and e.dropWhenEmpty then
      attrs[e.attribute] = nil
      return 'APPLIED'
    end
  end
  local list = '[' .. table.concat(elements, ',') .. ']'
  local edited
  if found then
    edited = string.sub(doc, 1, found[2] - 1) .. list .. string.sub(doc, found[3])
  else
    edited = string.sub(doc, 1, close - 1) .. (#members > 0 and ',' or '') .. cjson.encode(e.array) .. ':' .. list
      .. string.sub(doc, close)
  end
  if e.maxBytes > 0 and #edited > e.maxBytes then
    return 'TOO_LARGE'
  end
  attrs[e.attribute] = edited
  return 'APPLIED'
end

-- Applies a decoded change to attrs and tags in place and returns the status (a name of
-- RecordChange.Status). Unless it is 'APPLIED' the caller stores nothing.
local function apply_change(attrs, tags, change)
  if not edit_map(attrs, change.attributes) then
    return 'TOO_MANY_ENTRIES'
  end
  if change.element then
    local status = edit_element(attrs, change.element)
    if status ~= 'APPLIED' then
      return status
    end
  end
  if not edit_map(tags, change.tags) then
    return 'TOO_MANY_ENTRIES'
  end
  return 'APPLIED'
end
