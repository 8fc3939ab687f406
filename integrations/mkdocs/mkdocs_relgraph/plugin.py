"""The `relgraph` MkDocs plugin.

Every fenced code block whose info string names `relgraph` becomes, at build
time, the diagram relgraph draws of the network it holds (inline YAML or JSON)
or names (``file="net.yaml"``, relative to the docs folder)::

    ```relgraph file="net.yaml" view="iskp-ties" caption="ISKP's web of ties"
    ```

The SVG is inlined in a ``<figure>``: responsive, with hover highlighting, ids
prefixed per page and per block, and ``--theme auto`` by default, which follows
MkDocs Material's palette toggle (``data-md-color-scheme``) and MkDocs' own
colour mode (``data-bs-theme``). Any problem (an invalid network, a missing
file, relgraph not found) fails the build with a ``PluginError`` that carries
relgraph's message, its positions turned into the page's own for inline YAML.

relgraph is run with an argument list, never through a shell, and only the
options in ``OPTIONS`` reach it, each as one ``--flag=value`` argument.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import shutil
import subprocess
from collections import OrderedDict
from dataclasses import dataclass, field

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

# Fence attributes (and site-wide options) that become relgraph flags: "value"
# passes --flag=VALUE; "on" adds --flag for a true value; "off" adds the flag in
# OFF_FLAGS for a false value (the attribute names what it turns off).
OPTIONS = {
    "view": "value", "focus": "value", "depth": "value", "direction": "value",
    "as-of": "value", "between": "value", "kinds": "value", "exclude-kinds": "value",
    "types": "value", "exclude-types": "value", "tags": "value", "exclude-tags": "value",
    "min-confidence": "value", "cluster": "value", "known-as-of": "value",
    "dated-only": "on", "engine": "value", "page": "value", "labels": "value",
    "theme": "value", "legend": "off", "merge": "off", "fold": "off", "hover": "off",
}
OFF_FLAGS = {"legend": "--no-legend", "merge": "--no-merge", "fold": "--no-fold"}
# Attributes the plugin reads itself.
OWN = {"file", "caption", "alt"}
# Site-wide defaults in mkdocs.yml (the drawing options; views are per block).
SITE_OPTIONS = ("theme", "page", "engine", "labels", "legend", "merge", "fold", "hover")
# Themes that mark the page's light or dark mode where relgraph's auto theme sees it.
THEMES_WITH_A_MODE = {"material", "mkdocs"}

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
ATTRIBUTE = re.compile(r"""([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}"']+))""")
POSITION = re.compile(r"^-:(\d+):(\d+):(.*)$")
PLACEHOLDER = re.compile(r"(?:<p>)?(relgraph-figure-[0-9a-f]{16})(?:</p>)?")
LOG = logging.getLogger("mkdocs.plugins.relgraph")
# Drawings by a hash of relgraph's arguments and input, for the whole process:
# `mkdocs serve` makes a new plugin for every rebuild, and most rebuilds change
# no network. The oldest go beyond CACHE_SIZE.
CACHE: OrderedDict = OrderedDict()
CACHE_SIZE = 256
# What relgraph's exit codes mean (its README, "Exit codes").
MEANING = {64: "a bad option value", 65: "an invalid network or view", 66: "an unreadable file",
           70: "Graphviz failed", 73: "an output could not be written"}


class RelgraphConfig(base.Config):
    """`plugins: - relgraph: {...}` in mkdocs.yml."""

    #: The relgraph program; default: $RELGRAPH, else `relgraph` on PATH.
    binary = c.Optional(c.Type(str))
    #: light, dark or auto; default: auto with Material or MkDocs' own theme, light otherwise.
    theme = c.Optional(c.Choice(("light", "dark", "auto")))
    page = c.Optional(c.Type(str))
    engine = c.Optional(c.Type(str))
    labels = c.Optional(c.Choice(("auto", "on", "off")))
    legend = c.Type(bool, default=True)
    merge = c.Type(bool, default=True)
    fold = c.Type(bool, default=True)
    hover = c.Type(bool, default=True)


@dataclass
class Block:
    """One relgraph fence of a page."""

    number: int
    line: int  # the fence's line in the page (1-based)
    indent: int
    attributes: dict
    text: str
    classes: list = field(default_factory=list)
    identifier: str = ""


def truth(value, name: str, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0"):
        return False
    raise PluginError(f"{where}: {name}={value!r}: say true or false")


def sized(svg: str) -> str:
    """A responsive SVG (no width or height) as wide as its column allows, up to
    its drawn size: without a width, a browser draws it 150 px high in a
    shrink-to-fit container (MkDocs Material's figures are)."""
    view_box = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ', svg)
    if not view_box or not svg.startswith("<svg "):
        return svg
    return f'<svg style="width:100%;height:auto;max-width:{view_box.group(1)}pt" ' + svg[len("<svg "):]


def parse_info(info: str):
    """The classes, identifier and attributes of a fence's info string, or None
    when it is not a relgraph fence. Takes ``relgraph key="v"`` and
    ``{.relgraph #id key="v"}``."""
    braced = re.fullmatch(r"\{(.*)\}", info)
    body = braced.group(1) if braced else info
    words = ATTRIBUTE.sub(" ", body).split()
    classes = [w[1:] for w in words if w.startswith(".")]
    identifier = next((w[1:] for w in words if w.startswith("#")), "")
    if not braced and words and not words[0].startswith((".", "#")):
        classes.insert(0, words[0])
    if "relgraph" not in classes:
        return None
    attributes = {m.group(1): next(g for g in m.groups()[1:] if g is not None) for m in ATTRIBUTE.finditer(body)}
    return classes, identifier, attributes


def find_blocks(markdown: str):
    """The relgraph fences of a page, as (first line, last line, Block), 0-based
    line indices; fences inside other fences are content, not blocks."""
    lines = markdown.split("\n")
    found, index, number = [], 0, 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match.group("fence")
        end = index + 1
        while end < len(lines):
            closing = FENCE.match(lines[end])
            if closing and closing.group("fence")[0] == fence[0] and len(closing.group("fence")) >= len(fence) \
                    and not closing.group("info"):
                break
            end += 1
        parsed = parse_info(match.group("info"))
        if parsed:
            number += 1
            indent = match.group("indent")
            body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[index + 1:end]]
            classes, identifier, attributes = parsed
            found.append((index, min(end, len(lines) - 1),
                          Block(number, index + 1, len(indent.expandtabs(4)), attributes, "\n".join(body) + "\n",
                                classes, identifier)))
        index = end + 1
    return found


class RelgraphPlugin(BasePlugin[RelgraphConfig]):
    """Draws ```relgraph fences with relgraph at build time."""

    def __init__(self):
        super().__init__()
        self._figures: dict[str, str] = {}
        self.program = None

    def on_config(self, config, **kwargs):
        wanted = self.config.binary or os.environ.get("RELGRAPH") or "relgraph"
        self.program = shutil.which(wanted)
        if not self.program:
            raise PluginError(
                f"relgraph: cannot find {wanted!r} (set plugins: relgraph: binary:, or RELGRAPH, "
                "or put relgraph on PATH: `make install` in its checkout)")
        theme = self.config.theme
        if theme is None:
            theme = "auto" if config.theme.name in THEMES_WITH_A_MODE else "light"
        self.defaults = {"theme": theme}
        for name in SITE_OPTIONS[1:]:
            value = getattr(self.config, name)
            if value is not None:
                self.defaults[name] = value
        self.docs_dir = os.path.realpath(config.docs_dir)
        return config

    # ------------------------------------------------------------------ pages

    def on_page_markdown(self, markdown, page, config, files, **kwargs):
        blocks = find_blocks(markdown)
        if not blocks:
            return markdown
        lines = markdown.split("\n")
        source = page.file.src_uri
        slug = re.sub(r"[^a-z0-9_-]+", "-", os.path.splitext(source)[0].lower()).strip("-") or "page"
        used = set()
        for first, last, block in reversed(blocks):
            prefix = self._prefix(slug, block, used)
            figure = self._figure(block, page, prefix)
            token = "relgraph-figure-" + hashlib.sha1(f"{source}\0{block.number}".encode()).hexdigest()[:16]
            self._figures[token] = figure
            indent = " " * block.indent
            lines[first:last + 1] = ["", indent + token, ""]
        return "\n".join(lines)

    def on_page_content(self, html_text, page, config, files, **kwargs):
        """Puts each figure where its placeholder paragraph ended up."""
        def replace(match):
            return self._figures.pop(match.group(1), match.group(0))
        return PLACEHOLDER.sub(replace, html_text)

    # ------------------------------------------------------------------ one block

    @staticmethod
    def _prefix(slug: str, block: Block, used: set) -> str:
        base = "rg-" + slug + "-" + (re.sub(r"[^A-Za-z0-9_-]", "-", block.identifier) or str(block.number))
        prefix, n = base, 1
        while prefix in used:
            n += 1
            prefix = f"{base}-{n}"
        used.add(prefix)
        return prefix

    def _figure(self, block: Block, page, prefix: str) -> str:
        source = page.file.src_uri
        where = f"{os.path.join(os.path.relpath(self.docs_dir), source)}: relgraph block {block.number} (line {block.line})"
        options = dict(self.defaults)
        for key, value in block.attributes.items():
            name = key.replace("_", "-")
            if name in OPTIONS:
                options[name] = value
            elif name not in OWN and not name.startswith("data-"):
                known = ", ".join(sorted(set(OPTIONS) | OWN))
                raise PluginError(f"{where}: unknown attribute {key!r}; attributes: {known}")

        arguments = ["render"]
        if "file" in block.attributes:
            if block.text.strip():
                raise PluginError(f"{where}: give the network inline or with file=, not both")
            path = self._resolve(block.attributes["file"], where)
            arguments.append(os.path.relpath(path))
            data = open(path, "rb").read()
            stdin = None
        else:
            if not block.text.strip():
                raise PluginError(f'{where}: the block is empty: write the network in it, or name it with file="net.yaml"')
            arguments.append("-")
            data = stdin = block.text.encode("utf-8")
        arguments += ["-o", "-", "--format", "svg", "--svg-mode=inline", "--responsive", "--id-prefix=" + prefix]
        if truth(options.pop("hover", True), "hover", where):
            arguments.append("--hover")
        for name in sorted(options):
            kind, value = OPTIONS[name], options[name]
            if kind == "value":
                arguments.append(f"--{name}={value}")
            elif kind == "on" and truth(value, name, where):
                arguments.append("--" + name)
            elif kind == "off" and not truth(value, name, where):
                arguments.append(OFF_FLAGS[name])

        svg = sized(self._render(arguments, stdin, data, block, source, where))
        caption = block.attributes.get("caption")
        identifier = f' id="{html.escape(block.identifier)}"' if block.identifier else ""
        # The figure takes the column's width (MkDocs Material's figures shrink to fit,
        # where the SVG's width:100% would have nothing to be a part of).
        parts = [f'<figure class="relgraph"{identifier} style="width:100%">', svg.strip()]
        if caption:
            parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
        parts.append("</figure>")
        return "\n".join(parts)

    def _resolve(self, file: str, where: str) -> str:
        """`file=` inside the docs folder: no absolute path, no `..` step, and no
        symbolic link that leads out of it."""
        if os.path.isabs(file) or file.startswith("~") or re.match(r"^[A-Za-z]:", file):
            raise PluginError(f"{where}: file={file!r} is an absolute path; name it relative to the docs folder")
        if ".." in re.split(r"[\\/]", file):
            raise PluginError(f"{where}: file={file!r} steps out with '..'; files are named relative to the docs folder")
        path = os.path.realpath(os.path.join(self.docs_dir, file))
        if os.path.commonpath([path, self.docs_dir]) != self.docs_dir:
            raise PluginError(f"{where}: file={file!r} leads out of the docs folder (a symbolic link)")
        if not os.path.isfile(path):
            raise PluginError(f"{where}: file={file!r} not found in the docs folder ({self.docs_dir})")
        return path

    def _render(self, arguments, stdin, data, block: Block, source: str, where: str) -> str:
        key = hashlib.sha256("\0".join(arguments).encode() + b"\0" + data).hexdigest()
        if key in CACHE:
            CACHE.move_to_end(key)
            return CACHE[key]
        try:
            result = subprocess.run([self.program] + arguments, input=stdin if stdin is not None else b"",
                                    capture_output=True, check=False)
        except OSError as error:
            raise PluginError(f"{where}: cannot run {self.program}: {error}") from error
        messages = self._locate(result.stderr.decode("utf-8", "replace"), block, source)
        if result.returncode != 0:
            status = result.returncode
            command = ": relgraph " + " ".join(arguments) if status in (64, 70) else ""
            raise PluginError(f"{messages}\n{where}: not drawn: relgraph exit {status} "
                              f"({MEANING.get(status, 'failure')}){command}; the build stops")
        if messages.strip():
            # relgraph's warnings, placed; MkDocs prints them (and fails a --strict build on them).
            LOG.warning("relgraph:\n%s", messages)
        svg = result.stdout.decode("utf-8")
        CACHE[key] = svg
        while len(CACHE) > CACHE_SIZE:
            CACHE.popitem(last=False)
        return svg

    def _locate(self, text: str, block: Block, source: str) -> str:
        """relgraph's `-:3:19:` positions in inline YAML as the page's `docs/page.md:14:19:`."""
        page = os.path.join(os.path.relpath(self.docs_dir), source)
        out = []
        for line in text.splitlines():
            match = POSITION.match(line)
            if match:
                line = f"{page}:{block.line + int(match.group(1))}:{block.indent + int(match.group(2))}:{match.group(3)}"
            elif line.startswith("-:"):
                line = f"{page} (relgraph block {block.number}):{line[2:]}"
            out.append(line)
        return "\n".join(out)
