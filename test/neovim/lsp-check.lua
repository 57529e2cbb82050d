-- Drives the Gateway Log Tools language server from headless Neovim the way a user's config would
-- (vim.lsp.start_client + buf_attach_client, which Debian's Neovim 0.7 has; 0.8+ also has vim.lsp.start),
-- on a file opened with the filetype Neovim gives it by itself, and writes what it got as JSON.
-- Environment: GLT_NODE, GLT_SERVER (server.js), GLT_FILE (the log), GLT_REQUESTS (JSON list of
-- {method, line, character}), GLT_OUT (where to write the result).
local checks = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/checks.lua')
local result = { answers = {} }

checks.run(result, function()
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
  checks.diagnostics(bufnr, result)
  checks.answer_requests(client, bufnr, result)
  client.stop()
end)
