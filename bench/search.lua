-- Requests for bench/search.sh: a rotating mix of what people type into the municipality field.
-- PACE_MS (env) is the pause of each connection between requests; 0 = as fast as possible.
local queries = {
  "Frankfurt", "muenchen", "M%C3%BCnchen", "munchen", "Berlin", "Ham", "K%C3%B6ln", "Stutt", "Neustadt",
  "Bad", "sankt%20ingbert", "60311", "09162000", "0916", "Halle", "Z%C3%BCrich", "brem", "dresd", "leip",
  "M%C3%BCl", "oder", "berg", "L%C3%BCb", "Essen", "dort", "frankfurt%20main", "Gro%C3%9F", "Wei", "hof", "Ulm"
}
local pace = tonumber(os.getenv("PACE_MS") or "0")
local n = 0

request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/municipalities?q=" .. queries[(n % #queries) + 1] .. "&limit=10")
end

delay = function()
  return pace
end
