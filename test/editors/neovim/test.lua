-- Neovim (0.7+) end-to-end test of the CGO Lens language server, run by test/editors/neovim.e2e.mjs:
--   nvim --headless -u NONE -c "luafile test/editors/neovim/test.lua"
-- in a scratch copy of test/editors/fixture/ (the working directory), with `cgo-lens-language-server` on PATH (the
-- wrapper links it to dist/server.js, as `npm link` or a global install would). Exits 0 when every step passed, 1 with
-- "FAIL: <reason>" otherwise.
--
-- The client configuration is the README's Neovim snippet, verbatim (between the "snippet" markers below), so this
-- test proves what users copy. Neovim 0.7 is a push-only client without workspace/configuration: the server must
-- push diagnostics and use its defaults. Every wait is on a condition with a timeout; nothing sleeps blindly.

-- ---- snippet: README "Neovim 0.7+" ----------------------------------------------------------------------------
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'dockerfile', 'make', 'sh', 'yaml', 'gomod' },
  callback = function(args)
    vim.g.cgo_lens_client = vim.g.cgo_lens_client or vim.lsp.start_client({
      name = 'cgo-lens',
      cmd = { 'cgo-lens-language-server', '--stdio' },
      root_dir = vim.fn.getcwd(),
    })
    vim.lsp.buf_attach_client(args.buf, vim.g.cgo_lens_client)
  end,
})
-- ---- end of snippet -----------------------------------------------------------------------------------------

local TIMEOUT = 15000
local passed = 0
local server_log = {}
-- Test instrumentation, not part of the snippet: keep the server's log messages for failure reports.
vim.lsp.handlers['window/logMessage'] = function(_, params) table.insert(server_log, params.message) end

local function say(msg)
  io.stdout:write(msg .. '\n')
  io.stdout:flush()
end

local function finish(code)
  io.stdout:flush()
  vim.cmd('cquit ' .. code)
end

local function ok(what)
  passed = passed + 1
  say('ok ' .. passed .. ' - ' .. what)
end

local function check(cond, what, detail)
  if not cond then error(what .. (detail and (': ' .. detail) or ''), 0) end
  ok(what)
end

local function wait_for(what, cond)
  if not vim.wait(TIMEOUT, cond, 20) then error('timed out after ' .. TIMEOUT .. ' ms waiting for ' .. what, 0) end
end

local function ours(d)
  local lsp = (d.user_data or {}).lsp or {}
  return d.source == 'cgo-lens', d.code or lsp.code
end

local function cgo_diagnostics(bufnr, code)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local mine, c = ours(d)
    if mine and (code == nil or c == code) then table.insert(out, d) end
  end
  return out
end

local function hover_text(result)
  if not result or not result.contents then return '' end
  local c = result.contents
  if type(c) == 'string' then return c end
  if c.value then return c.value end
  local parts = {}
  for _, p in ipairs(c) do table.insert(parts, type(p) == 'string' and p or p.value) end
  return table.concat(parts, '\n')
end

-- 0-based line and character of the first match of `pattern` (a plain string) in the buffer.
local function find(bufnr, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local s = line:find(needle, 1, true)
    if s then return i - 1, s - 1 end
  end
  error('fixture has no line containing ' .. needle, 0)
end

local function main()
  check(vim.fn.executable('cgo-lens-language-server') == 1, 'cgo-lens-language-server is on PATH')
  vim.cmd('filetype on')

  vim.cmd('edit Dockerfile')
  local bufnr = vim.api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'dockerfile', 'Dockerfile has filetype dockerfile', vim.bo[bufnr].filetype)
  local uri = vim.uri_from_bufnr(bufnr)
  local client_id = vim.g.cgo_lens_client
  check(client_id ~= nil, 'the FileType autocommand started the client')
  check(vim.lsp.buf_is_attached(bufnr, client_id), 'the Dockerfile buffer is attached')
  local client = vim.lsp.get_client_by_id(client_id)

  wait_for('the initialize handshake', function() return client.server_capabilities ~= nil and next(client.server_capabilities) ~= nil end)
  local caps = client.server_capabilities
  check(caps.diagnosticProvider == nil, 'no pull diagnostics offered to a push-only client')
  check(caps.codeActionProvider ~= nil and caps.codeActionProvider ~= false, 'code actions offered')
  check(caps.hoverProvider ~= nil and caps.hoverProvider ~= false, 'hover offered')

  -- 1. pushed diagnostics
  local copy_line = find(bufnr, 'COPY --from=build')
  wait_for('a pushed CGO101 diagnostic (server log: ' .. table.concat(server_log, ' | ') .. ')', function() return #cgo_diagnostics(bufnr, 'CGO101') > 0 end)
  local d = cgo_diagnostics(bufnr, 'CGO101')[1]
  check(d.severity == vim.diagnostic.severity.ERROR, 'CGO101 is an error')
  check(d.lnum == copy_line and d.col == 0, 'CGO101 sits on the COPY --from line', ('line %d col %d'):format(d.lnum, d.col))
  check(d.message:find('scratch', 1, true) ~= nil and d.message:find('exec /app: no such file or directory', 1, true) ~= nil,
    'CGO101 message names the image and the run-time error', d.message)
  local lsp = (d.user_data or {}).lsp or {}
  local publish_caps = vim.lsp.protocol.make_client_capabilities().textDocument.publishDiagnostics or {}
  if publish_caps.codeDescriptionSupport then
    check(lsp.codeDescription and lsp.codeDescription.href and lsp.codeDescription.href:find('CGO101', 1, true) ~= nil,
      'CGO101 links its docs page (codeDescription.href)')
  else -- Neovim 0.7 does not advertise codeDescriptionSupport: the server must not send it
    check(lsp.codeDescription == nil, 'no codeDescription for a client without codeDescriptionSupport')
  end
  check(lsp.data ~= nil, 'CGO101 carries data for its fix')

  -- 2. hovers (markdown)
  local function hover(line, character)
    local res = client.request_sync('textDocument/hover', { textDocument = { uri = uri }, position = { line = line, character = character } }, TIMEOUT, bufnr)
    if not res then error('hover request timed out', 0) end
    if res.err then error('hover request failed: ' .. vim.inspect(res.err), 0) end
    return hover_text(res.result)
  end
  local env_line, env_col = find(bufnr, 'CGO_ENABLED=1')
  local h = hover(env_line, env_col + 2)
  check(h:find('CGO_ENABLED=1', 1, true) ~= nil and h:find('cgo', 1, true) ~= nil, 'hover on CGO_ENABLED explains the setting', h)
  local run_line, run_col = find(bufnr, 'go build')
  h = hover(run_line, run_col + 4)
  check(h:find('go build', 1, true) ~= nil and h:find('CGO_ENABLED=1', 1, true) ~= nil, 'hover on go build shows the effective CGO_ENABLED', h)
  local from_line, from_col = find(bufnr, 'FROM scratch')
  h = hover(from_line, from_col + 6)
  check(h:find('scratch', 1, true) ~= nil and h:lower():find('libc', 1, true) ~= nil, 'hover on the FROM image tells its libc', h)

  -- 3. code action for the line's diagnostics (get_line_diagnostics keeps source and data)
  local line_diags = vim.lsp.diagnostic.get_line_diagnostics(bufnr, copy_line)
  check(#line_diags > 0 and line_diags[1].data ~= nil, 'line diagnostics keep data for the code action context')
  local res = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = line_diags[1].range,
    context = { diagnostics = line_diags },
  }, TIMEOUT, bufnr)
  check(res and not res.err and type(res.result) == 'table', 'codeAction answered', vim.inspect(res))
  local preferred
  local titles = {}
  for _, a in ipairs(res.result) do
    table.insert(titles, a.title)
    if a.isPreferred and a.kind == 'quickfix' then preferred = preferred or a end
  end
  check(preferred ~= nil, 'a preferred quick fix is offered', table.concat(titles, ' | '))
  say('# preferred fix: ' .. preferred.title)
  check(preferred.edit ~= nil, 'the preferred fix carries its edit')

  -- 4. apply the edit as Neovim does, then the diagnostic goes away
  vim.lsp.util.apply_workspace_edit(preferred.edit, client.offset_encoding or 'utf-16')
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  check(text:find('CGO_ENABLED=0', 1, true) ~= nil, 'the fix sets CGO_ENABLED=0 in the buffer', text)
  for _, l in ipairs(vim.split(text, '\n')) do if l:find('CGO_ENABLED', 1, true) then say('#   ' .. l) end end
  wait_for('CGO101 to disappear after the fix', function() return #cgo_diagnostics(bufnr, 'CGO101') == 0 end)
  ok('CGO101 is gone after applying the fix')
  local left = {}
  for _, x in ipairs(cgo_diagnostics(bufnr)) do table.insert(left, tostring(x.code) .. ': ' .. x.message) end
  check(#left == 0, 'no CGO Lens diagnostics left', table.concat(left, '\n'))

  -- 5. other file kinds: detected filetypes, the same client, Neovim's filetype names as languageId
  for _, case in ipairs({ { 'Makefile', 'make', 'CGO204' }, { 'build.sh', 'sh', 'CGO204' }, { '.goreleaser.yaml', 'yaml', 'CGO203' } }) do
    local name, ft, code = case[1], case[2], case[3]
    vim.cmd('edit ' .. vim.fn.fnameescape(name))
    local b = vim.api.nvim_get_current_buf()
    check(vim.bo[b].filetype == ft, name .. ' has filetype ' .. ft, vim.bo[b].filetype)
    check(vim.lsp.buf_is_attached(b, client_id), name .. ' is attached to the same client')
    wait_for(code .. ' in ' .. name .. ' (server log: ' .. table.concat(server_log, ' | ') .. ')', function() return #cgo_diagnostics(b, code) > 0 end)
    ok(name .. ' gets ' .. code)
  end
  check(#vim.lsp.get_active_clients() == 1, 'one server for all buffers')

  -- 6. clean shutdown: the client goes away and so does the server process
  local pid = client.rpc and client.rpc.pid
  vim.lsp.stop_client(client_id)
  wait_for('the client to stop', function() return vim.lsp.get_client_by_id(client_id) == nil end)
  if pid then
    wait_for('the server process to exit', function() return vim.loop.kill(pid, 0) ~= 0 end)
    ok('the server process exited after shutdown/exit')
  end
end

local okay, err = pcall(main)
if okay then
  say(('neovim-e2e: %d passed, 0 failed'):format(passed))
  finish(0)
else
  say('FAIL: ' .. tostring(err))
  say(('neovim-e2e: %d passed, 1 failed'):format(passed))
  finish(1)
end
