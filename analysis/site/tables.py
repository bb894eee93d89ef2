"""Tables on a phone: a Python-Markdown extension, named in mkdocs.yml, that gives every body cell its column's name
(`data-label`) and marks a table too wide for a 360 px screen (`data-denyut-stack`, with the table roles), which
the site's stylesheet lays out under 480 px as one card per row: the first cell as its title, then each number
beside its column's name. Decided when the page is built, so a table is readable before any script runs.

Too wide: cells wrap between words only (a number or a file name is never cut), so a column is at least as wide
as its longest word; a table whose columns' least widths add up to more than a phone's width is stacked."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

PHONE_WIDTH = 300  # px a table has at 360 px: Material's 16 px margins, and a little to spare
CHAR_WIDTH = 8.0  # px of one character at the phone's table size (0.68rem = 13.6 px), generous for bold headers
CELL_PADDING = 20  # px: 0.7em on each side at 13.6 px (denyut.css)
_PLACEHOLDER = re.compile("\x02wzxhzdk:(\\d+)\x03")
_TAG = re.compile(r"<[^>]*>")


def least_width(columns: list[list[str]]) -> float:
    """The narrowest a table can be on a phone: per column, its longest word and the cell's padding."""
    return sum(
        max((len(word) for cell in column for word in cell.split()), default=0) * CHAR_WIDTH + CELL_PADDING for column in columns
    )


def labels(head: list[str]) -> list[str]:
    """Each column's name for its cells; a name the table already used says which column before it it belongs
    to ("Kisaran 95% (Negatif)"), since a card shows no columns side by side."""
    out = []
    for i, name in enumerate(head):
        out.append(f"{name} ({head[i - 1]})" if name in head[:i] and i > 0 else name)
    return out


class PhoneTables(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for table in root.iter("table"):
            head = [self._text(th) for th in table.findall("./thead/tr/th")]
            rows = table.findall("./tbody/tr")
            if not head:
                continue
            cells = [row.findall("td") for row in rows]
            names = labels(head)
            for row in cells:
                for label, td in zip(names, row):
                    td.set("data-label", label)
            columns = [[head[i], *(self._text(row[i]) for row in cells if i < len(row))] for i in range(len(head))]
            if least_width(columns) > PHONE_WIDTH:
                _stack(table)

    def _text(self, element: ET.Element) -> str:
        """A cell's text as a reader sees it: raw HTML kept aside by Markdown put back, without its tags."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def raw(match: re.Match) -> str:
            index = int(match[1])
            return _TAG.sub("", str(stash[index])) if index < len(stash) else ""

        return " ".join(html.unescape(_PLACEHOLDER.sub(raw, "".join(element.itertext()))).split())


def _stack(table: ET.Element) -> None:
    table.set("data-denyut-stack", "")
    table.set("role", "table")
    for part in table:
        part.set("role", "rowgroup")
        for row in part.findall("tr"):
            row.set("role", "row")
            for cell in row:
                cell.set("role", "columnheader" if cell.tag == "th" else "cell")


class PhoneTablesExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(PhoneTables(md), "denyut_phone_tables", 4)  # after inline (20): cells hold text


def makeExtension(**kwargs) -> PhoneTablesExtension:
    return PhoneTablesExtension(**kwargs)
