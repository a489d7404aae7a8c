"""Just the Docs' callouts as Material admonitions, and kramdown's attribute lists on block quotes.

A JtD page marks a callout with a class before a block quote or paragraph: `{: .note }` (a box titled
"Note"), or `{: .note-title }` before a quote whose first paragraph is the title. The names, titles
and colours are the site's `callouts:` setting (`extra: just_the_docs:` in mkdocs.yml). Both steps
work on the parsed page (Treeprocessors), after `attr_list` has placed the classes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from itertools import chain
from operator import methodcaller
from types import MappingProxyType
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from handbook.jekyll.site_settings import DEFAULT_CALLOUTS
from handbook.markdown.emoji_headings import wrap_literal_emoji

# What the kramdown preprocessor leaves inside a quote for an attribute list written before or
# after it: a paragraph of nothing but `{: ... }`.
IAL_PARAGRAPH = re.compile(r"^\{:?\s*([^}]*)\}$")
_CLASS = methodcaller("get", "class")
ATTRIBUTE = re.compile(r"""([^\s=]+)=(?:"([^"]*)"|'([^']*)'|(\S+))|([.#])([^\s.#]+)""")


def makeExtension(**kwargs) -> CalloutExtension:
    return CalloutExtension(**kwargs)


class CalloutExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"callouts": [dict(DEFAULT_CALLOUTS), "name -> (title, colour), as JtD's `callouts:`"]}
        super().__init__(**kwargs)
        # Read once: MkDocs sets up every page's Markdown with this one extension object.
        self.callouts = MappingProxyType(dict(self.getConfig("callouts")))

    def setConfig(self, key: str, value: Any) -> None:
        super().setConfig(key, value)
        if key == "callouts":
            self.callouts = MappingProxyType(dict(self.getConfig("callouts")))

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(MayHaveCallouts(md, self.callouts), "jtd_callouts_check", 27)


class MayHaveCallouts(Preprocessor):
    """Adds the Callouts step for a page whose text can give a paragraph or a quote a class: an
    attribute list (`{: .note }`) or raw HTML (`<blockquote class="note" markdown="1">`). Most
    pages have neither, and a step not added costs nothing."""

    def __init__(self, md: Markdown, callouts: Mapping[str, tuple[str | None, str]]):
        super().__init__(md)
        self.callouts = callouts  # only read

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "{" in text or "class" in text:
            # After attr_list (8) has placed the classes, and abbr (7); before the emoji steps (6).
            self.md.treeprocessors.register(Callouts(self.md, self.callouts), "jtd_callouts", 6.5)
        return lines


class QuoteAttributes(Treeprocessor):
    """`{: .note }` directly before (or after) a block quote applies to the quote, as in kramdown."""

    def run(self, root: etree.Element) -> None:
        for quote in root.iter("blockquote"):
            for child in (quote[0], quote[-1]) if len(quote) else ():
                text = (child.text or "").strip()
                if child.tag == "p" and not len(child) and (match := IAL_PARAGRAPH.match(text)):
                    apply_attributes(quote, match.group(1))
                    quote.remove(child)
                    if not len(quote):
                        break


def apply_attributes(element: etree.Element, attributes: str) -> None:
    """Classes, an id and key="value" pairs from an attribute list, onto `element`."""
    classes = (element.get("class") or "").split()
    for match in ATTRIBUTE.finditer(attributes):
        if match.group(5) == ".":
            classes.append(match.group(6))
        elif match.group(5) == "#":
            element.set("id", match.group(6))
        else:
            value = next(v for v in match.group(2, 3, 4) if v is not None)
            element.set(match.group(1), value)
    if classes:
        element.set("class", " ".join(dict.fromkeys(classes)))


class Callouts(Treeprocessor):
    """A quote or paragraph with a callout class becomes `<div class="admonition NAME jtd-COLOUR">`."""

    def __init__(self, md: Markdown, callouts: Mapping[str, tuple[str | None, str]]):
        super().__init__(md)
        self.callouts = callouts  # only read

    def run(self, root: etree.Element) -> None:
        # The paragraphs' and quotes' classes, read in C: most have none.
        classes = filter(None, map(_CLASS, chain(root.iter("p"), root.iter("blockquote"))))
        if not any(self._callout(names.split()) for names in classes):
            return  # most pages: no paragraph or quote has a callout's class
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag in ("p", "blockquote") and element.get("class"):
                    found = self._callout(element.get("class").split())
                    if found:
                        parent[index] = self._admonition(element, *found)

    def _callout(self, classes: list[str]) -> tuple[str, bool, list[str]] | None:
        for name in classes:
            base = name.removesuffix("-title")
            if base in self.callouts:
                return base, name != base, [c for c in classes if c != name]
        return None

    def _admonition(self, element: etree.Element, name: str, titled: bool, others: list[str]):
        title, colour = self.callouts[name]
        box = etree.Element("div", {"class": " ".join(["admonition", name, f"jtd-{colour}", *others])})
        if element.get("id"):
            box.set("id", element.get("id"))
        body = list(element) if element.tag == "blockquote" else [element]
        if element.tag == "p":
            element.attrib.clear()
        if titled and element.tag == "blockquote" and body and body[0].tag == "p":
            heading, body = body[0], body[1:]
            heading.set("class", "admonition-title")
            box.append(heading)
        elif titled and element.tag == "p":
            element.set("class", "admonition-title")
        elif title:
            added = etree.SubElement(box, "p", {"class": "admonition-title"})
            added.text = title
            if not title.isascii():  # the site's own text, not the page's: its emoji get drawn too
                wrap_literal_emoji(added)
        box.extend(body)
        box.tail = element.tail
        return box
