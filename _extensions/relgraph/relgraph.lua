--[[
relgraph.lua: draws relgraph networks where a report is written.

A pandoc Lua filter, and the filter of the Quarto extension beside it
(_extension.yml). Every code block with the class `relgraph` becomes the
diagram of the network it holds (inline YAML or JSON) or names (`file="net.yaml"`),
drawn by the `relgraph` program:

  ```{.relgraph file="net.yaml" view="iskp-ties" caption="ISKP's web of ties"}
  ```

- HTML (and HTML slides): the SVG inline, with its own id prefix, responsive,
  with hover highlighting, in a figure.
- LaTeX, Beamer, ConTeXt (and PDF through them): a PDF drawing as an image.
- DOCX, ODT, PPTX, RTF: a PNG at 300 dpi. Anything else: an SVG file.
- Any problem stops the build with relgraph's own message, `file:line:column`
  (for inline YAML, the line in the document), never a missing figure.

relgraph is `$RELGRAPH` when set, else `relgraph` on PATH. Options come from the
block's attributes, over the document's `relgraph:` metadata; only those listed in
OPTIONS below reach relgraph, each as one `--flag=value` argument (never a shell).
Needs pandoc 2.17 or later. Documentation: docs/embedding.md in relgraph.
]]

-- Block attributes (and `relgraph:` metadata keys) that become relgraph flags.
-- `value`: passed as --flag=VALUE; `on`: a true value adds --flag; `off`: a
-- false value adds --flag (the attribute names the thing it turns off).
local OPTIONS = {
  view = "value", focus = "value", depth = "value", direction = "value",
  ["as-of"] = "value", between = "value", kinds = "value", ["exclude-kinds"] = "value",
  types = "value", ["exclude-types"] = "value", tags = "value", ["exclude-tags"] = "value",
  ["min-confidence"] = "value", cluster = "value", ["known-as-of"] = "value",
  ["dated-only"] = "on", engine = "value", page = "value", labels = "value",
  theme = "value", legend = "off", merge = "off", fold = "off", hover = "off",
}
-- Flags of the `off` options.
local OFF_FLAGS = { legend = "--no-legend", merge = "--no-merge", fold = "--no-fold" }
-- Attributes the filter itself reads; any attribute starting with `fig-` or
-- `data-` is left on the figure for pandoc or Quarto.
local OWN = { file = true, caption = true, alt = true, width = true, height = true }

local FILTER = "relgraph.lua"

-- The ways a build stops, with relgraph's exit codes where they apply.
local EXIT = { usage = 64, data = 65, missing = 66, unavailable = 69 }
-- What relgraph's exit codes mean (README, "Exit codes").
local MEANING = { [64] = "a bad option value", [65] = "an invalid network or view", [66] = "an unreadable file",
  [70] = "Graphviz failed", [73] = "an output could not be written" }

--- Writes `message` to standard error and ends pandoc with `code`: no figure is
--- ever left out silently, and no Lua stack trace hides the message.
local function stop(message, code)
  io.stderr:write(message:gsub("\n*$", "") .. "\n")
  io.stderr:flush()
  os.exit(code or EXIT.data)
end

--- The last line of a build that relgraph stopped: which block, and why; the
--- command for a bad option value or a Graphviz failure.
local function not_drawn(block, status, arguments)
  local command = (status == 64 or status == 70) and ": relgraph " .. table.concat(arguments, " ") or ""
  return string.format("%s: %s: not drawn: relgraph exit %d (%s)%s; the build stops", FILTER, block.where, status,
    MEANING[status] or "failure", command)
end

local function warn(message)
  io.stderr:write(message:gsub("\n*$", "") .. "\n")
end

local function file_exists(path)
  local handle = io.open(path, "rb")
  if handle then handle:close() return true end
  return false
end

local function read_file(path)
  local handle = io.open(path, "rb")
  if not handle then return nil end
  local text = handle:read("a")
  handle:close()
  return text
end

local function write_file(path, bytes)
  local handle, err = io.open(path, "wb")
  if not handle then stop(FILTER .. ": cannot write " .. path .. ": " .. tostring(err), 73) end
  handle:write(bytes)
  handle:close()
end

local function make_directory(path)
  if pandoc.system.make_directory then
    pandoc.system.make_directory(path, true)
  else
    pandoc.pipe("mkdir", { "-p", path }, "")  -- pandoc 2.x: an argument list, no shell
  end
end

---------------------------------------------------------------- the program

--- The relgraph program: `$RELGRAPH` (a path, or a name looked up on PATH), else
--- `relgraph` on PATH. Checked before it is run: pandoc cannot catch the failure
--- to start a program that does not exist.
local function find_relgraph()
  local wanted = os.getenv("RELGRAPH")
  if wanted == "" then wanted = nil end
  local name = wanted or "relgraph"
  local windows = pandoc.path.separator == "\\"
  if name:find(pandoc.path.separator, 1, true) or name:find("/", 1, true) then
    if file_exists(name) then return name end
    stop(FILTER .. ": RELGRAPH is " .. name .. ", which does not exist; set it to the relgraph program, or unset it to use relgraph on PATH", EXIT.unavailable)
  end
  for _, folder in ipairs(pandoc.path.split_search_path(os.getenv("PATH") or "")) do
    for _, candidate in ipairs(windows and { name .. ".exe", name } or { name }) do
      local path = pandoc.path.join({ folder ~= "" and folder or ".", candidate })
      if file_exists(path) then return path end
    end
  end
  stop(FILTER .. ": cannot find " .. name .. " on PATH: install relgraph (make install, in its checkout) or set RELGRAPH to the program" ..
    (wanted and "" or "\n  (PATH is " .. (os.getenv("PATH") or "") .. ")"), EXIT.unavailable)
end

--- Whether pandoc reads a program's output as UTF-8: its locale says so (GHC
--- decodes by the locale; in the C locale relgraph's UTF-8 would stop pandoc).
local function utf8_locale()
  for _, name in ipairs({ "LC_ALL", "LC_CTYPE", "LANG" }) do
    local value = os.getenv(name)
    if value and value ~= "" then return value:lower():match("utf%-?8") ~= nil end
  end
  return false
end

--- Whether relgraph's standard error can be read back: pandoc 3.7 and later
--- (`pandoc.system.command`), in a UTF-8 locale. Otherwise it goes straight to
--- the terminal, and the filter validates first to place the messages.
local CAPTURE = pandoc.system.command ~= nil and utf8_locale()

--- Runs relgraph with `arguments`, feeding `input`; returns its exit code,
--- standard output and standard error (empty unless CAPTURE).
local function run(program, arguments, input)
  if CAPTURE then
    local status, output, messages = pandoc.system.command(program, arguments, input)
    return status or 0, output, messages  -- its status is false on success
  end
  local ok, result = pcall(pandoc.pipe, program, arguments, input)
  if ok then return 0, result, "" end
  if type(result) == "table" or type(result) == "userdata" then
    return result.error_code or 1, result.output or "", ""
  end
  stop(FILTER .. ": cannot run " .. program .. ": " .. tostring(result), EXIT.unavailable)
end

---------------------------------------------------------------- where a block is

--- The relgraph fences of the input files, in order: `{file, line, indent}` each,
--- `line` being the fence's own line. Used to name the document line of a
--- mistake in inline YAML; nil when the files cannot be read (standard input).
local function source_fences()
  local fences = {}
  for _, file in ipairs(PANDOC_STATE.input_files or {}) do
    local text = file ~= "-" and read_file(file)
    if not text then return nil end
    local open = nil  -- the fence we are inside: its character and length
    local number = 0
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do
      number = number + 1
      line = line:gsub("\r$", "")
      local indent, fence, info = line:match("^(%s*)([`~][`~][`~]+)%s*(.-)%s*$")
      if fence and fence:match("^" .. fence:sub(1, 1) .. "+$") then
        if open then
          if fence:sub(1, 1) == open.char and #fence >= open.length and info == "" then open = nil end
        else
          open = { char = fence:sub(1, 1), length = #fence }
          local class = (info:match("^{(.*)}$") or info):gsub('"[^"]*"', ""):gsub("'[^']*'", "")
          if (" " .. class .. " "):match("%s%.?relgraph%s") then
            fences[#fences + 1] = { file = file, line = number, indent = #indent }
          end
        end
      end
    end
  end
  return fences
end

--- relgraph's messages about a block, with inline YAML's positions (`-:3:19:`)
--- turned into the document's (`report.md:14:19:`) when the block was found in
--- the source, else named by the block's number.
local function locate(text, block)
  local out = {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local l, c, rest = line:match("^%-:(%d+):(%d+):(.*)$")
    if l and block.source then
      line = string.format("%s:%d:%d:%s", block.source.file, block.source.line + tonumber(l),
        block.source.indent + tonumber(c), rest)
    elseif l then
      line = string.format("%s (relgraph block %d, inline):%s:%s:%s", block.document, block.number, l, c, rest)
    else
      rest = line:match("^%-:(.*)$")
      if rest then line = string.format("%s (relgraph block %d):%s", block.document, block.number, rest) end
    end
    out[#out + 1] = line
  end
  return (table.concat(out, "\n"):gsub("\n*$", ""))
end

---------------------------------------------------------------- options

local function truth(value, name, block)
  local v = tostring(value):lower()
  if v == "true" or v == "yes" or v == "on" or v == "1" then return true end
  if v == "false" or v == "no" or v == "off" or v == "0" then return false end
  stop(string.format("%s: %s: %s=%q: say true or false", FILTER, block.where, name, tostring(value)), EXIT.usage)
end

--- The document's defaults: the `relgraph:` metadata map, with the same keys as
--- block attributes.
local function metadata_options(meta)
  local options = {}
  local map = meta and meta.relgraph
  if type(map) ~= "table" then return options end
  for key, value in pairs(map) do
    local name = tostring(key):gsub("_", "-")
    if not OPTIONS[name] then
      stop(string.format("%s: metadata relgraph.%s is not an option; options: %s", FILTER, key, table.concat((function()
        local names = {} for n in pairs(OPTIONS) do names[#names + 1] = n end table.sort(names) return names end)(), ", ")), EXIT.usage)
    end
    options[name] = pandoc.utils.stringify(value)
  end
  return options
end

--- The block's options over the document's; unknown attributes stop the build
--- (a misspelt `focs=` must not draw the whole network quietly).
local function block_options(block, defaults, attributes)
  local options = {}
  for name, value in pairs(defaults) do options[name] = value end
  for key, value in pairs(attributes) do
    local name = key:gsub("_", "-")
    if OPTIONS[name] then
      options[name] = value
    elseif not (OWN[name] or name:match("^fig%-") or name:match("^data%-")) then
      local names = {}
      for n in pairs(OPTIONS) do names[#names + 1] = n end
      for n in pairs(OWN) do names[#names + 1] = n end
      table.sort(names)
      stop(string.format("%s: %s: unknown attribute %q; attributes: %s (and fig-*, data-* for the figure)",
        FILTER, block.where, key, table.concat(names, ", ")), EXIT.usage)
    end
  end
  return options
end

--- relgraph's arguments for `options`: one `--flag=value` each (a value that
--- starts with `-` stays a value), never anything the whitelist does not name.
local function flags(options, block)
  local names = {}
  for name in pairs(options) do names[#names + 1] = name end
  table.sort(names)
  local arguments = {}
  for _, name in ipairs(names) do
    local kind, value = OPTIONS[name], options[name]
    if kind == "value" then
      arguments[#arguments + 1] = "--" .. name .. "=" .. value
    elseif kind == "on" and truth(value, name, block) then
      arguments[#arguments + 1] = "--" .. name
    elseif kind == "off" and not truth(value, name, block) and OFF_FLAGS[name] then
      arguments[#arguments + 1] = OFF_FLAGS[name]
    end
  end
  return arguments
end

---------------------------------------------------------------- the network

--- The network file a block names, found along pandoc's resource path (the
--- working directory by default). Absolute paths and `..` steps are refused: a
--- document draws the files beside it, not whatever it can name.
local function resolve(file, block)
  if file == "" then stop(FILTER .. ": " .. block.where .. ": file= is empty", EXIT.usage) end
  if pandoc.path.is_absolute(file) or file:match("^~") then
    stop(string.format("%s: %s: file=%q is an absolute path; name the file relative to the document (its folder is on the resource path)", FILTER, block.where, file), EXIT.data)
  end
  for part in file:gmatch("[^/\\]+") do
    if part == ".." then
      stop(string.format("%s: %s: file=%q steps out with '..'; put the network beside the document or add its folder with --resource-path", FILTER, block.where, file), EXIT.data)
    end
  end
  local folders = PANDOC_STATE.resource_path or { "." }
  for _, folder in ipairs(folders) do
    local path = folder == "." and file or pandoc.path.join({ folder, file })
    if file_exists(path) then
      return path:sub(1, 1) == "-" and "./" .. path or path
    end
  end
  stop(string.format("%s: %s: file=%q not found in the resource path (%s)", FILTER, block.where, file, table.concat(folders, ", ")), EXIT.missing)
end

--- The network's `title` and `description`, for an image's alt text. YAML: the
--- top-level keys only, read by pandoc's YAML reader; JSON: pandoc.json where it
--- exists. Nil when neither is found.
local function title_and_description(text)
  local fields = {}
  if text:match("^%s*[{%[]") then
    if not pandoc.json then return nil end
    local ok, value = pcall(pandoc.json.decode, text, false)
    if not ok or type(value) ~= "table" then return nil end
    fields.title, fields.description = value.title, value.description
  else
    local kept, keeping = {}, false
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do
      if line:match("^%S") then keeping = line:match("^title%s*:") or line:match("^description%s*:") end
      if keeping then kept[#kept + 1] = line end
    end
    if #kept == 0 then return nil end
    local ok, doc = pcall(pandoc.read, "---\n" .. table.concat(kept, "\n") .. "\n---\n", "markdown")
    if not ok then return nil end
    fields.title = doc.meta.title and pandoc.utils.stringify(doc.meta.title)
    fields.description = doc.meta.description and pandoc.utils.stringify(doc.meta.description)
  end
  if type(fields.title) ~= "string" then fields.title = nil end
  if type(fields.description) ~= "string" then fields.description = nil end
  return fields
end

---------------------------------------------------------------- output kinds

local HTML = { html = true, html4 = true, html5 = true, chunkedhtml = true, revealjs = true,
  slidy = true, slideous = true, s5 = true, dzslides = true }
local PDF_DRAWING = { latex = true, beamer = true, context = true }
local PNG_DRAWING = { docx = true, odt = true, opendocument = true, pptx = true, rtf = true }
-- Formats whose output file carries its pictures inside (from the media bag).
local CONTAINERS = { docx = true, odt = true, pptx = true, epub = true, epub2 = true, epub3 = true }

local function output_kind(format)
  format = format:gsub("[+-].*$", "")
  if HTML[format] then return "html" end
  if PDF_DRAWING[format] then return "pdf" end
  if PNG_DRAWING[format] then return "png" end
  return "svg"
end

--- Where image files go: into the media bag always (DOCX, ODT, EPUB and PDF
--- through LaTeX take them from there), and, for outputs that only refer to
--- them (a .tex, a Markdown file…), into `relgraph-figures/` beside the output.
--- Returns the path the document refers to.
local function store(bytes, extension, key)
  local name = "relgraph-" .. pandoc.utils.sha1(key):sub(1, 12) .. "." .. extension
  local mime = ({ svg = "image/svg+xml", pdf = "application/pdf", png = "image/png" })[extension]
  local format = FORMAT:gsub("[+-].*$", "")
  local output = PANDOC_STATE.output_file
  if CONTAINERS[format] or (output and output:lower():match("%.pdf$")) then
    pandoc.mediabag.insert(name, mime, bytes)
    return name
  end
  local base = (output and output ~= "-") and pandoc.path.directory(output) or "."
  local folder = pandoc.path.join({ base, "relgraph-figures" })
  make_directory(folder)
  write_file(pandoc.path.join({ folder, name }), bytes)
  local src = "relgraph-figures/" .. name
  pandoc.mediabag.insert(src, mime, bytes)
  return src
end

---------------------------------------------------------------- a block

local function inlines(markdown)
  if not markdown or markdown == "" then return {} end
  local doc = pandoc.read(markdown, "markdown")
  return doc.blocks[1] and pandoc.utils.blocks_to_inlines(doc.blocks) or {}
end

--- A figure around `content` (a raw HTML block, or an image) with `caption`.
local function figure(content, caption, attr, block)
  if pandoc.Figure then
    return pandoc.Figure(content, caption and { pandoc.Plain(caption) } or {}, attr)
  end
  -- pandoc 2.x has no Figure element: raw HTML for HTML, and for an image an
  -- implicit figure (a paragraph holding only an image whose title is "fig:").
  if block.kind == "html" then
    local id = attr.identifier ~= "" and string.format(' id="%s"', (attr.identifier:gsub('[&"<>]', "-"))) or ""
    local html = {}
    html[#html + 1] = pandoc.RawBlock("html", '<figure class="relgraph"' .. id .. ' style="width:100%">')
    html[#html + 1] = content
    if caption then
      html[#html + 1] = pandoc.RawBlock("html", "<figcaption>")
      html[#html + 1] = pandoc.Plain(caption)
      html[#html + 1] = pandoc.RawBlock("html", "</figcaption>")
    end
    html[#html + 1] = pandoc.RawBlock("html", "</figure>")
    return html
  end
  return pandoc.Para({ content })
end

local function draw(code, block, program, defaults)
  local attributes = {}
  for key, value in pairs(code.attributes) do attributes[key] = value end
  local options = block_options(block, defaults, attributes)
  local kind = output_kind(FORMAT)
  block.kind = kind
  local theme = options.theme or "light"
  if kind ~= "html" and theme == "auto" then options.theme = "light" end  -- auto needs a live page

  local input, text
  if attributes.file then
    if code.text:match("%S") then
      stop(FILTER .. ": " .. block.where .. ": give the network inline or with file=, not both", EXIT.usage)
    end
    input = resolve(attributes.file, block)
    text = read_file(input) or ""
  else
    if not code.text:match("%S") then
      stop(FILTER .. ": " .. block.where .. ": the block is empty: write the network in it, or name it with file=\"net.yaml\"", EXIT.data)
    end
    input, text = "-", code.text
  end

  -- PNG and PDF go through a file: pandoc.system.command reads standard output as text.
  local arguments = { "render", input, "-o", "-", "--format", kind == "html" and "svg" or kind }
  if kind == "html" then
    local hover = options.hover == nil or truth(options.hover, "hover", block)
    options.hover = nil
    arguments[#arguments + 1] = "--svg-mode=inline"
    arguments[#arguments + 1] = "--responsive"
    arguments[#arguments + 1] = "--id-prefix=" .. block.prefix
    if hover then arguments[#arguments + 1] = "--hover" end
  else
    options.hover = nil
    arguments[#arguments + 1] = "--id-prefix=" .. block.prefix
  end
  if kind == "png" then arguments[#arguments + 1] = "--dpi=300" end
  -- A figure in LaTeX is the drawing itself, not a sheet of paper around it.
  if kind == "pdf" then arguments[#arguments + 1] = "--pdf-page=drawing" end
  for _, flag in ipairs(flags(options, block)) do arguments[#arguments + 1] = flag end

  -- When relgraph's messages cannot be read back (pandoc before 3.7, Quarto's
  -- among them, or a locale that is not UTF-8), validate first, whose report is
  -- on standard output, so that inline YAML's positions are the document's; then
  -- render quietly.
  if not CAPTURE then
    local status, report = run(program, { "validate", input }, input == "-" and text or "")
    if status ~= 0 then
      stop(locate(report, block) .. "\n" .. not_drawn(block, status, { "validate", input }), status)
    end
    arguments[#arguments + 1] = "-q"  -- its warnings were just shown, placed
    local shown = locate(report, block):gsub("[^\n]*: valid %([^\n]*", "")
    if shown:match("%S") then warn(shown) end
  end

  local status, output, messages
  if kind == "png" or kind == "pdf" then
    pandoc.system.with_temporary_directory("relgraph", function(folder)
      local file = pandoc.path.join({ folder, "drawing." .. kind })
      arguments[4] = file
      status, output, messages = run(program, arguments, input == "-" and text or "")
      if status == 0 then output = read_file(file) or "" end
      arguments[4] = "-"  -- the key of the stored picture: the same every build
    end)
  else
    status, output, messages = run(program, arguments, input == "-" and text or "")
  end
  if status ~= 0 then
    local told = messages ~= "" and locate(messages, block) .. "\n" or ""
    stop(told .. not_drawn(block, status, arguments), status)
  end
  messages = messages:gsub("[^\n]*wrote [^\n]*drawing%.%a+\n?", "")  -- the temporary file's name, said on success
  if messages:match("%S") then warn(locate(messages, block)) end

  local caption = inlines(attributes.caption or attributes["fig-cap"])
  if #caption == 0 then caption = nil end
  local attr = pandoc.Attr(code.identifier, { "relgraph" }, {})
  for key, value in pairs(attributes) do
    if key:match("^fig%-") and key ~= "fig-cap" and key ~= "fig-alt" or key:match("^data%-") then attr.attributes[key] = value end
  end

  if kind == "html" then
    -- As wide as the column allows, up to its drawn size (the viewBox is in points):
    -- without a width, a browser draws it 150 px high in a shrink-to-fit figure
    -- (Quarto's and MkDocs Material's are), which therefore takes the column's width.
    attr.attributes.style = "width:100%"
    local width = output:match('^<svg [^>]-viewBox="[%d.-]+ [%d.-]+ ([%d.]+) ')
    if width then
      output = '<svg style="width:100%;height:auto;max-width:' .. width .. 'pt" ' .. output:sub(6)
    end
    return figure(pandoc.RawBlock("html", output), caption, attr, block)
  end
  local fields = title_and_description(text) or {}
  local alt = attributes.alt or attributes["fig-alt"] or fields.description or fields.title or "relgraph diagram"
  local image_attr = pandoc.Attr("", {}, {})
  for _, key in ipairs({ "width", "height" }) do
    if attributes[key] then image_attr.attributes[key] = attributes[key] end
  end
  local src = store(output, kind, table.concat(arguments, "\0") .. "\0" .. text)
  if pandoc.Figure then
    local image = pandoc.Image({ pandoc.Str(alt) }, src, "", image_attr)
    return figure({ pandoc.Plain({ image }) }, caption, attr, block)
  end
  -- pandoc 2.x: an implicit figure's caption is its image's description.
  image_attr.identifier = code.identifier
  local image = pandoc.Image(caption or { pandoc.Str(alt) }, src, caption and "fig:" or "", image_attr)
  return figure(image, caption, attr, block)
end

---------------------------------------------------------------- the document

local function is_relgraph(code)
  for _, class in ipairs(code.classes) do
    if class == "relgraph" then return true end
  end
  return false
end

--- Id prefixes: `rg-N`, or `rg-ID` for a block with an identifier; never twice
--- on one page.
local function prefix_for(code, number, used)
  local base = code.identifier ~= "" and ("rg-" .. code.identifier:gsub("[^%w_-]", "-")) or ("rg-" .. number)
  local prefix, n = base, 1
  while used[prefix] do n = n + 1 prefix = base .. "-" .. n end
  used[prefix] = true
  return prefix
end

function Pandoc(doc)
  local count = 0
  doc:walk({ CodeBlock = function(code) if is_relgraph(code) then count = count + 1 end end })
  if count == 0 then return nil end

  local program = find_relgraph()
  local defaults = metadata_options(doc.meta)
  local fences = source_fences()
  if fences and #fences ~= count then fences = nil end  -- blocks from elsewhere: name them by number
  local inputs = PANDOC_STATE.input_files or {}
  local document = (#inputs > 0 and inputs[1] ~= "-") and table.concat(inputs, "+") or "<stdin>"
  local number, used = 0, {}
  return doc:walk({
    CodeBlock = function(code)
      if not is_relgraph(code) then return nil end
      number = number + 1
      local source = fences and fences[number]
      local block = {
        number = number, source = source, document = document, prefix = prefix_for(code, number, used),
        where = string.format("%s: relgraph block %d%s", source and source.file or document, number,
          source and string.format(" (line %d)", source.line) or ""),
      }
      return draw(code, block, program, defaults)
    end,
  })
end
