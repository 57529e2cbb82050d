-- What the Neovim checks (lsp-check.lua, readme-check.lua) share: the diagnostics Neovim got, the
-- requests a user's keys would make, and running a check and writing its result as JSON. Loaded with dofile.
local M = {}

-- Runs `check`, keeps the error it raised (if any) in `result.failure`, writes `result` to GLT_OUT as
-- JSON and quits Neovim.
function M.run(result, check)
  local ok, err = pcall(check)
  if not ok then
    result.failure = tostring(err)
  end
  local f = assert(io.open(os.getenv('GLT_OUT'), 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

-- Waits for the buffer's diagnostics and keeps them in `result`.
function M.diagnostics(bufnr, result)
  result.diagnosticsArrived = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { line = d.lnum, severity = d.severity, message = d.message, code = lsp.code or d.code })
  end
end

-- One request to the server, its answer or error.
function M.ask(client, bufnr, method, params, timeout)
  local response, request_err = client.request_sync(method, params, timeout or 10000, bufnr)
  return {
    method = method,
    result = response and response.result or vim.NIL,
    error = request_err or (response and response.err and tostring(response.err.message)) or vim.NIL,
  }
end

-- The requests GLT_REQUESTS lists ({method, line, character}) on the buffer, answers kept in `result.answers`.
function M.answer_requests(client, bufnr, result)
  local uri = vim.uri_from_bufnr(bufnr)
  for _, r in ipairs(vim.fn.json_decode(os.getenv('GLT_REQUESTS'))) do
    local params = { textDocument = { uri = uri } }
    if r.line ~= nil then
      params.position = { line = r.line, character = r.character }
    end
    if r.method == 'textDocument/references' then
      params.context = { includeDeclaration = true }
    end
    table.insert(result.answers, M.ask(client, bufnr, r.method, params))
  end
end

return M
