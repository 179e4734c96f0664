-- HMAC-SHA256 in LuaJIT (wrk's Lua), so that every benchmark request can carry a new call id and its own signature.
local bit = require("bit")
local band, bor, bxor, bnot, rshift, lshift, ror, tobit =
  bit.band, bit.bor, bit.bxor, bit.bnot, bit.rshift, bit.lshift, bit.ror, bit.tobit

local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

-- Compresses the 64-byte blocks of msg (a multiple of 64 bytes) into the state {h0..h7}, which it returns anew.
local function compress(state, msg)
  local h0, h1, h2, h3, h4, h5, h6, h7 = unpack(state)
  local w = {}
  for start = 1, #msg, 64 do
    for i = 0, 15 do
      local a, b, c, d = msg:byte(start + i * 4, start + i * 4 + 3)
      w[i] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    end
    for i = 16, 63 do
      local x, y = w[i - 15], w[i - 2]
      local s0 = bxor(ror(x, 7), ror(x, 18), rshift(x, 3))
      local s1 = bxor(ror(y, 17), ror(y, 19), rshift(y, 10))
      w[i] = tobit(w[i - 16] + s0 + w[i - 7] + s1)
    end
    local a, b, c, d, e, f, g, h = h0, h1, h2, h3, h4, h5, h6, h7
    for i = 0, 63 do
      local t1 = h + bxor(ror(e, 6), ror(e, 11), ror(e, 25)) + bxor(band(e, f), band(bnot(e), g)) + K[i + 1] + w[i]
      local t2 = bxor(ror(a, 2), ror(a, 13), ror(a, 22)) + bxor(band(a, b), band(a, c), band(b, c))
      h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
    end
    h0, h1, h2, h3 = tobit(h0 + a), tobit(h1 + b), tobit(h2 + c), tobit(h3 + d)
    h4, h5, h6, h7 = tobit(h4 + e), tobit(h5 + f), tobit(h6 + g), tobit(h7 + h)
  end
  return { h0, h1, h2, h3, h4, h5, h6, h7 }
end

local INITIAL = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }

-- SHA-256 of (what state has consumed, done bytes) .. rest.
local function finish(state, done, rest)
  local length = done + #rest
  local padded = rest .. "\128" .. string.rep("\0", (55 - length) % 64)
    .. string.char(0, 0, 0, 0, band(rshift(length, 21), 0xff), band(rshift(length, 13), 0xff),
                   band(rshift(length, 5), 0xff), band(lshift(length, 3), 0xff))
  local out = {}
  for _, v in ipairs(compress(state, padded)) do
    out[#out + 1] = string.char(band(rshift(v, 24), 0xff), band(rshift(v, 16), 0xff), band(rshift(v, 8), 0xff), band(v, 0xff))
  end
  return table.concat(out)
end

local function pads(key)
  if #key > 64 then key = finish(INITIAL, 0, key) end
  key = key .. string.rep("\0", 64 - #key)
  local ipad, opad = {}, {}
  for i = 1, 64 do
    local k = key:byte(i)
    ipad[i] = string.char(bxor(k, 0x36))
    opad[i] = string.char(bxor(k, 0x5c))
  end
  return table.concat(ipad), table.concat(opad)
end

local function hex(bytes)
  return (bytes:gsub(".", function(ch) return string.format("%02x", ch:byte()) end))
end

-- A signer for bodies that all start with the same prefix (a multiple of 64 bytes long): the prefix is hashed once,
-- so signing a body costs only its tail. signer(tail) returns the hex HMAC-SHA256 of prefix .. tail.
local function signer(key, prefix)
  assert(#prefix % 64 == 0, "the prefix must be a multiple of 64 bytes")
  local ipad, opad = pads(key)
  local inner = compress(INITIAL, ipad .. prefix)
  local outer = compress(INITIAL, opad)
  return function(tail)
    return hex(finish(outer, 64, finish(inner, 64 + #prefix, tail)))
  end
end

return { signer = signer }
