-- Headless Neovim 0.7 as an LSP client nobody here wrote: open the tobs Dockerfile, start the
-- tobs server with vim.lsp.start_client, wait for its diagnostics, ask for code actions the way
-- vim.lsp.buf.code_action does, apply the preferred quick fix, write the file and wait for the
-- diagnostic to go. The outcome goes to $TOBS_RESULT: "PASS <rule>" or "FAIL <why>".

local env = {
  node = os.getenv('TOBS_NODE'),
  server = os.getenv('TOBS_SERVER'),
  root = os.getenv('TOBS_ROOT'),
  result = os.getenv('TOBS_RESULT'),
}
local WAIT_MS = 30000

local function finish(line)
  local f = assert(io.open(env.result, 'w'))
  f:write(line, '\n')
  f:close()
end

local function tobs_diagnostics(bufnr)
  return vim.tbl_filter(function(d)
    return d.source == 'tobs'
  end, vim.diagnostic.get(bufnr))
end

local function count_rule(bufnr, code)
  return #vim.tbl_filter(function(d)
    return d.code == code
  end, tobs_diagnostics(bufnr))
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.root .. '/Dockerfile'))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'tobs',
    cmd = { env.node, env.server, '--stdio' },
    root_dir = env.root,
    settings = { tobs = {} },
  })
  assert(client_id, 'the language client did not start')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach the buffer')
  local client = vim.lsp.get_client_by_id(client_id)

  assert(vim.wait(WAIT_MS, function()
    return #tobs_diagnostics(bufnr) > 0
  end, 20), 'no diagnostics arrived from the server')

  -- The first diagnostic with a preferred quick fix, asked for as vim.lsp.buf.code_action asks.
  for _, diagnostic in ipairs(tobs_diagnostics(bufnr)) do
    local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, diagnostic.lnum, {}, client_id)
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = { start = { line = diagnostic.lnum, character = 0 }, ['end'] = { line = diagnostic.lnum, character = 0 } },
      context = { diagnostics = line_diagnostics },
    }
    local response, err = client.request_sync('textDocument/codeAction', params, WAIT_MS, bufnr)
    assert(response and not response.err, 'codeAction failed: ' .. vim.inspect(err or (response and response.err)))
    for _, action in ipairs(response.result or {}) do
      if action.isPreferred and action.edit and action.diagnostics and action.diagnostics[1].code == diagnostic.code then
        local before = count_rule(bufnr, diagnostic.code)
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        vim.cmd('write')
        assert(vim.wait(WAIT_MS, function()
          return count_rule(bufnr, diagnostic.code) < before
        end, 20), 'the diagnostic ' .. diagnostic.code .. ' did not go after the fix')
        return diagnostic.code
      end
    end
  end
  error('no diagnostic had a preferred quick fix')
end

local ok, outcome = pcall(run)
finish((ok and 'PASS ' or 'FAIL ') .. tostring(outcome))
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd(ok and 'qall!' or 'cquit!')
