-- Drives the Gateway Log Tools language server from headless Neovim the way a user's config would
-- (vim.lsp.start_client + buf_attach_client, which Debian's Neovim 0.7 has; 0.8+ also has vim.lsp.start),
-- on a file opened with the filetype Neovim gives it by itself, and writes what it got as JSON.
-- Environment: GLT_NODE, GLT_SERVER (server.js), GLT_FILE (the log), GLT_REQUESTS (JSON list of
-- {method, line, character}), GLT_OUT (where to write the result).
local out_path = os.getenv('GLT_OUT')
local result = { answers = {} }

local function finish()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qa!')
end

local ok, err = pcall(function()
  local file = os.getenv('GLT_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  local client_id = vim.lsp.start_client({
    name = 'gateway-logs',
    cmd = { os.getenv('GLT_NODE'), os.getenv('GLT_SERVER'), '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':h'),
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  result.diagnosticsArrived = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, { line = d.lnum, severity = d.severity, message = d.message, code = lsp.code or d.code })
  end
  local uri = vim.uri_from_bufnr(bufnr)
  for _, r in ipairs(vim.fn.json_decode(os.getenv('GLT_REQUESTS'))) do
    local params = { textDocument = { uri = uri } }
    if r.line ~= nil then
      params.position = { line = r.line, character = r.character }
    end
    if r.method == 'textDocument/references' then
      params.context = { includeDeclaration = true }
    end
    local response, request_err = client.request_sync(r.method, params, 10000, bufnr)
    table.insert(result.answers, {
      method = r.method,
      result = response and response.result or vim.NIL,
      error = request_err or (response and response.err and tostring(response.err.message)) or vim.NIL,
    })
  end
  client.stop()
end)
if not ok then
  result.failure = tostring(err)
end
finish()
