-- Run after the README's Neovim configuration (loaded as the user's init.lua, on the log Neovim was
-- started with): waits for the server, asks what a user's keys would ask, runs a jump lens, and writes
-- what it got as JSON. Environment: GLT_OUT (where to write), GLT_QUERY (a workspace-symbol query).
local checks = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/checks.lua')
local result = { answers = {}, messages = {} }

-- What the server tells the user (window/showMessage), as Neovim would print it.
local show_message = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(err, params, ctx, config)
  table.insert(result.messages, params.message)
  return show_message(err, params, ctx, config)
end

checks.run(result, function()
  local bufnr = vim.api.nvim_get_current_buf()
  result.attached = vim.wait(20000, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil end, 50)
  assert(result.attached, 'the README\'s configuration attached no server to the log')
  local client = select(2, next(vim.lsp.buf_get_clients(bufnr)))
  checks.diagnostics(bufnr, result)
  -- The lenses the configuration asked for, as Neovim keeps them for the buffer.
  result.lensesShown = vim.wait(20000, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 50)
  result.lenses = vim.lsp.codelens.get(bufnr)
  checks.answer_requests(client, bufnr, result)
  -- Workspace symbols come from the bundle, which the server indexes after it starts: ask until it answers.
  local query = os.getenv('GLT_QUERY')
  local symbols
  local deadline = vim.loop.now() + 30000
  repeat
    symbols = checks.ask(client, bufnr, 'workspace/symbol', { query = query }, 2000)
    if type(symbols.result) == 'table' and #symbols.result > 0 then
      break
    end
    vim.wait(250)
  until vim.loop.now() > deadline
  result.workspaceSymbols = symbols
  -- Run the first lens that jumps, from its line, as the README's <leader>l does.
  for _, lens in ipairs(result.lenses) do
    if lens.command and lens.command.command:match('revealEntry$') then
      result.ranLens = lens
      vim.api.nvim_win_set_cursor(0, { lens.range.start.line + 1, 0 })
      vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes('<leader>l', true, false, true), 'x', false)
      vim.wait(10000, function() return #result.messages > 0 end, 50)
      break
    end
  end
  client.stop()
end)
