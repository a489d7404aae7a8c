"""Reading one page's source: decoding, YAML front matter with the line of each key, first heading.

The front-matter pattern is MkDocs' own, so this module and MkDocs always agree on where front matter
ends. Unlike MkDocs, which silently renders broken front matter as text, every problem is returned.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from handbook.markdown.blocks import INLINE_LINK, headings
from handbook.pages.plain_yaml import read_plain
from handbook.pages.yaml_advice import yaml_advice
from handbook.problems import Problem

# The same pattern as mkdocs.utils.meta.YAML_RE.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
ATTR_LIST = re.compile(r"[ \t]*\{:?[^}]*\}[ \t]*$")
EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(.+?)\1")

MAX_FRONT_MATTER = 64 * 1024  # bytes: ample for any real page, small enough to read in milliseconds
OPENING = re.compile(r"^-{3}[ \t]*\n")  # a first line that opens front matter (MkDocs' and Jekyll's rule)


class RefusedYAML(yaml.MarkedYAMLError):
    """YAML the handbook does not accept in front matter, although YAML itself allows it."""


class _Constructors:
    """A date that does not exist (`2026-02-30`) or overflows, and an integer too long for Python,
    stay text, so the schema can name the key and its line instead of the whole front matter
    failing. A value a tag asks for that cannot be one (`nav_order: !!int`, `!!bool maybe`) is
    an error at its line: PyYAML's own constructors fail there with Python's errors."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)
        except (AttributeError, IndexError, KeyError):  # not a date at all: only as `!!timestamp`
            raise _unreadable(node, "a date") from None

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            return self.construct_scalar(node)
        except (AttributeError, IndexError, KeyError):  # `!!int` with no digits after a sign
            raise _unreadable(node, "a whole number") from None

    def construct_yaml_float(self, node):
        try:
            return super().construct_yaml_float(node)
        except (ValueError, AttributeError, IndexError, KeyError):
            raise _unreadable(node, "a number") from None

    def construct_yaml_bool(self, node):
        try:
            return super().construct_yaml_bool(node)
        except (AttributeError, IndexError, KeyError):
            raise _unreadable(node, "true or false") from None


def _unreadable(node: yaml.ScalarNode, kind: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(
        None, None, f"{node.value!r} cannot be read as {kind}", node.start_mark)


class _RefusingComposer(yaml.composer.Composer):
    """YAML's composer, refusing anchors and aliases (`&a`, `*a`) as they are composed: a few
    hundred bytes of nested aliases expand to gigabytes wherever the value is printed, and no page
    needs them."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYAML(None, None, f"the alias *{event.anchor} repeats another value",
                              event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise RefusedYAML(None, None, f"the anchor &{event.anchor} marks a value for repeating",
                              event.start_mark)
        return super().compose_node(parent, index)


class _CheckingLoader(_RefusingComposer, _Constructors, yaml.SafeLoader):
    """PyYAML's own safe loader with the refusing composer: the reference for text that holds an
    `&` or a `*`, whose words (in every message) the handbook's advice was written against."""


try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # PyYAML built without libyaml: every text is read by _CheckingLoader
    _CParser = None


# Where libyaml and PyYAML may read the same text differently (found by a differential fuzz of the
# two): tabs, a byte-order mark or a Unicode line break anywhere, a tag (`!` starting a value: a
# bare `!` on an empty value is null for one and "" for the other) or a directive (`%` starting a
# line), and a `|` or `>` followed by anything but a block scalar's indicators (`>#` starts one
# for libyaml only). Such text is left to PyYAML.
_LIBYAML_DIFFERS = re.compile(
    r"[\t\r\ufeff\x85\u2028\u2029]|(?:^|[\s\[\]{},:?-])[!%]|[|>][-+0-9]*[^-+0-9 \n]")


class _TooDeep(Exception):
    """Nesting deeper than front matter ever needs: left to the reference loader, which says so
    (a RecursionError) at a depth that depends on the caller's stack."""


class _CheckingCLoader(_RefusingComposer, _Constructors, *((_CParser,) if _CParser else ()),
                       yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """The same composer and constructors over libyaml's parser (ten times faster than PyYAML's),
    for text with an `&` or a `*` that is almost always in a value's words. Used only where it
    reads the text without any error: otherwise the text is read again by _CheckingLoader, so
    every message stays PyYAML's."""

    MAX_DEPTH = 32

    def __init__(self, source: str) -> None:
        _CParser.__init__(self, source)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        if self.depth > self.MAX_DEPTH:
            raise _TooDeep
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _FastLoader(_Constructors, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader, ten times faster, for the usual front matter: text without `&` or `*`
    cannot hold an anchor or an alias."""


for _loader in (_CheckingLoader, _CheckingCLoader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _Constructors.construct_yaml_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _Constructors.construct_yaml_int)
    _loader.add_constructor("tag:yaml.org,2002:float", _Constructors.construct_yaml_float)
    _loader.add_constructor("tag:yaml.org,2002:bool", _Constructors.construct_yaml_bool)
del _loader


def _loader_for(source: str) -> yaml.SafeLoader:
    return (_CheckingLoader if "&" in source or "*" in source else _FastLoader)(source)


@dataclass(frozen=True)
class PageSource:
    """A page's text (decoded, LF line ends), its front matter, and where each key is."""

    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    has_front_matter: bool = False
    decoded_cleanly: bool = True
    body_line: int = 1  # the file line where the Markdown body starts
    refused: bool = False  # front matter not read at all (too large, aliases): build the body only
    # The text after the front matter, made once: a build reads it some five times a page.
    body: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", self.text.split("\n", self.body_line - 1)[-1]
                           if self.body_line > 1 else self.text)

    @property
    def first_heading(self) -> str | None:
        """The text of the first level-1 heading, with inline markup removed."""
        for _, level, text in headings(self.body):
            if level == 1:
                return plain_inline(text) or None
        return None


# utf-8-sig's decoder is Python code that strips a byte-order mark and calls utf-8's: a file without
# one (nearly every file) is decoded by utf-8's directly, to the same text or the same error
# (tests/test_bad_input.py compares the two).
UNMARKED = "utf-8"


def decode(raw: bytes, path: str) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without a byte-order mark) to text with LF line ends."""
    problems = []
    try:
        text = raw.decode(UNMARKED if raw[:3] != codecs.BOM_UTF8 else "utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        problems.append(Problem(
            path, line,
            f"is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); "
            "re-save the file with UTF-8 encoding in your editor",
        ))
        text = raw.decode("utf-8-sig", errors="replace")
    if "\r" in text:  # one fast scan; the two-character replace scans some fifty times slower
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, problems


def read_page(raw: bytes, path: str) -> tuple[PageSource, list[Problem]]:
    """Decode a page and parse its front matter; never raises on bad input."""
    text, problems = decode(raw, path)
    page, parse_problems = parse_page(text, path, decoded_cleanly=not problems)
    return page, problems + parse_problems


def parse_page(text: str, path: str, decoded_cleanly: bool = True
               ) -> tuple[PageSource, list[Problem]]:
    """A decoded page's front matter parsed; never raises on bad input."""
    match = FRONT_MATTER.match(text)
    if not match:
        if OPENING.match(text):
            return PageSource(path, text, decoded_cleanly=decoded_cleanly), [Problem(
                path, 1,
                "front matter opened on line 1 is never closed, so the site shows it as text and "
                "the page loses its title and place; add a line `---` after the last `key: value` "
                "line (a page that starts with a horizontal rule needs a line of text before it)")]
        return PageSource(path, text, decoded_cleanly=decoded_cleanly), []
    body_line = text.count("\n", 0, match.end()) + 1
    front = match.group(1)
    # Up to four bytes a character: front matter this short is within the limit, unmeasured.
    if len(front) > MAX_FRONT_MATTER // 4 and (size := len(front.encode("utf-8"))) > MAX_FRONT_MATTER:
        return PageSource(path, text, has_front_matter=True, decoded_cleanly=decoded_cleanly,
                          body_line=body_line, refused=True), [Problem(
            path, 1,
            f"front matter is {size // 1024} KiB, over the limit of {MAX_FRONT_MATTER // 1024} KiB, "
            "so none of it is read; keep front matter to short `key: value` lines and put long "
            "text in the page itself")]
    meta, key_lines, problems = parse_front_matter(front, path)
    refused = bool(problems) and any(p.message.startswith(REFUSED_PREFIX) for p in problems)
    if problems and not refused:
        body_line = 1
    return PageSource(path, text, meta, key_lines, has_front_matter=True,
                      decoded_cleanly=decoded_cleanly, body_line=body_line,
                      refused=refused), problems


REFUSED_PREFIX = "front matter uses YAML anchors or aliases"


def parse_front_matter(source: str, path: str) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """YAML front matter to a mapping, with the 1-based file line of each top-level key.

    Line numbers count the opening `---` as line 1. Duplicate keys are reported (YAML itself would
    silently keep the last one).
    """
    plain = read_plain(source)  # most pages: no need for YAML's machinery (pages/plain_yaml.py)
    if plain is not None:
        return plain[0], plain[1], []
    if "&" in source or "*" in source:
        read = _read_with_libyaml(source, path)
        if read is not None:
            return read
    first_line = 2
    loader = None
    try:
        loader = _loader_for(source)
        node = loader.get_single_node()
        if node is None:
            return {}, {}, []
        if not isinstance(node, yaml.MappingNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else f"the text {node.value!r}"
            return {}, {}, [Problem(
                path, node.start_mark.line + first_line,
                f"front matter is {kind}, not a set of `key: value` lines; "
                "write it as e.g. `title: My page`",
            )]
        key_lines, problems = _key_lines(node, path, first_line)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as err:  # libyaml and PyYAML both read characters first
        return {}, {}, [Problem(
            path, source.count("\n", 0, max(err.position, 0)) + first_line,
            f"front matter holds the control character U+{err.character:04X}, which YAML does not "
            "allow; delete it (most editors do not show it: retype the line)",
        )]
    except RefusedYAML as err:
        return {}, {}, [Problem(
            path, err.problem_mark.line + first_line,
            f"{REFUSED_PREFIX} ({err.problem}), so none of it is read; write the value out in full "
            "where it is needed"
        )]
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        if err.context_mark and mark.line >= source.count("\n"):
            mark = err.context_mark  # ran off the end: where the unclosed thing began is more useful
        what = " ".join(str(part) for part in (err.context, err.problem) if part)
        line, message = yaml_advice(source, mark.line if mark else None, what)
        return {}, {}, [Problem(path, None if line is None else line + first_line, message)]
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as err:
        # Python words a RecursionError by where it struck, so the build and `handbook check`
        # would differ: it gets words of its own.
        reason = "it is nested too deeply" if isinstance(err, RecursionError) else str(err)
        return {}, {}, [Problem(
            path, 1,
            f"front matter could not be read ({reason}); simplify the YAML to `key: value` lines",
        )]
    finally:
        if loader is not None:
            loader.dispose()
    return data, key_lines, problems


def _read_with_libyaml(source: str, path: str
                       ) -> tuple[dict[str, Any], dict[str, int], list[Problem]] | None:
    """Text with an `&` or a `*` read by libyaml's parser under the refusing composer; None
    whenever that finds anything to say (an error, an anchor, no mapping, a key written twice,
    deep nesting), so that PyYAML's loader reads it again and every message keeps its words."""
    if _CParser is None or _LIBYAML_DIFFERS.search(source):
        return None
    loader = None
    try:
        loader = _CheckingCLoader(source)
        node = loader.get_single_node()
        if not isinstance(node, yaml.MappingNode):
            return None
        key_lines, problems = _key_lines(node, path, 2)
        if problems:
            return None
        return loader.construct_document(node), key_lines, []
    except Exception:  # noqa: BLE001 (whatever went wrong, the reference loader words it)
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _key_lines(node: yaml.MappingNode, path: str, first_line: int
               ) -> tuple[dict[str, int], list[Problem]]:
    """The file line of each top-level key, and a problem for each key written twice."""
    key_lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, _ in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        line = key_node.start_mark.line + first_line
        if key in key_lines:
            problems.append(Problem(
                path, line,
                f"key '{key}' appears twice (also on line {key_lines[key]}); "
                "keep one and delete the other",
            ))
        elif key is not None:
            key_lines[key] = line
    return key_lines, problems


def plain_inline(text: str) -> str:
    """Inline Markdown to its words: attribute lists, links, emphasis and code marks removed."""
    # Each pattern needs its mark in the text; most headings and titles have none of them.
    if "{" in text:
        text = ATTR_LIST.sub("", text)
    if "[" in text:
        text = INLINE_LINK.sub(r"\2", text)
    if "*" in text or "_" in text or "`" in text:
        text = EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())
