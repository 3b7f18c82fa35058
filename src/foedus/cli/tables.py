"""The CLI's table layout: columns that know what they may give up, for an 80-column terminal.

Why: rich shrinks every column of a table that is too wide, so the one thing a reader asked
for (an instrument id, a status, a dataset name to type next) came out as ``perm…`` or
``peacescie…``, and a column could shrink until its header vanished. Here each column says its
role, and the width of every column is decided before rich draws it:

* ``key`` columns are never cut, wrapped or folded (the answer's identifiers);
* ``wrap`` columns wrap at spaces, down to their longest word (or their header);
* ``drop`` columns leave the table when it cannot fit (``--wide`` shows them again, and a
  line under the table says which were left out).

When even the key columns and the narrowest wrap columns do not fit, the rows are printed as
records (one block per row, one line per field), so nothing is ever cut. Tables never use an
ellipsis. Titles count with :func:`plural`, and tables that are empty are folded into one line
by :func:`print_sections`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["Col", "plural", "render", "print_sections", "as_cols", "MAX_WORD", "fill",
           "para"]

Role = Literal["key", "wrap", "drop"]

#: a word longer than this (a URL, a list of table names) is folded in a wrap column
MAX_WORD = 24


@dataclass(frozen=True)
class Col:
    """One column: the row field it shows, its role, and the header (default: the field)."""

    name: str
    role: Role = "wrap"
    header: str | None = None

    @property
    def title(self) -> str:
        return self.header if self.header is not None else self.name


def as_cols(columns: Sequence[str | Col]) -> list[Col]:
    """Columns given as names are ``wrap`` columns."""
    return [c if isinstance(c, Col) else Col(c) for c in columns]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 commitment``, ``2 commitments``, ``0 states`` (irregular plurals as ``many``)."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def fill(text: str, width: int, indent: str = "", hang: str | None = None) -> str:
    """``text`` wrapped at ``width`` (at least 40), first line indented by ``indent``, the
    others by ``hang`` (default: two more); words (ids, URLs) are never cut."""
    lead = text[:len(text) - len(text.lstrip())]  # the text's own indent is kept
    indent += lead
    return textwrap.fill(" ".join(text.split()), width=max(int(width), 40),
                         initial_indent=indent,
                         subsequent_indent=indent + "  " if hang is None else hang,
                         break_long_words=False, break_on_hyphens=False)


def para(out: Any, text: str, indent: str = "", hang: str | None = None,
         style: str = "") -> None:
    """Print ``text`` on console ``out`` as :func:`fill` wraps it (prose beside the tables:
    reasons, notes, costs), so that it reads at the console's width with a hanging indent."""
    from rich.markup import escape

    body = escape(fill(text, out.width, indent, hang))
    out.print(f"[{style}]{body}[/{style}]" if style else body, soft_wrap=True,
              highlight=False)


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


def _natural(col: Col, texts: list[str]) -> int:
    return max([len(col.title), *(len(line) for t in texts for line in _lines(t))])


def _minimum(col: Col, texts: list[str]) -> int:
    """The narrowest a column may be: all of a key; a wrap column's longest word (up to
    MAX_WORD) and the longest word of its header, so that a header is never blank."""
    head = max((len(w) for w in col.title.split()), default=1)
    if col.role == "key":
        return _natural(col, texts)
    word = max((len(w) for t in texts for w in t.split()), default=1)
    return max(head, min(word, MAX_WORD), 1)


def layout(columns: Sequence[Col], texts: dict[str, list[str]], width: int
           ) -> tuple[list[Col], list[int]] | None:
    """The columns kept and their widths in a table ``width`` wide (borders and padding
    take 3 per column plus 1); ``None`` when the rows must be records."""
    kept = list(columns)
    while True:
        room = width - 3 * len(kept) - 1
        natural = [_natural(c, texts[c.name]) for c in kept]
        if sum(natural) <= room:
            return kept, natural
        minimum = [_minimum(c, texts[c.name]) for c in kept]
        if sum(minimum) <= room:
            widths = list(minimum)
            spare = room - sum(minimum)
            want = [n - m for n, m in zip(natural, minimum, strict=True)]
            total = sum(want)
            for i, w in enumerate(want):  # share the spare room by what each column lacks
                widths[i] += spare * w // total if total else 0
            # the rounding remainder goes to the widest-wanting columns
            left = room - sum(widths)
            for i in sorted(range(len(kept)), key=lambda i: -(natural[i] - widths[i])):
                if left <= 0:
                    break
                add = min(left, natural[i] - widths[i])
                widths[i] += add
                left -= add
            return kept, widths
        drops = [i for i, c in enumerate(kept) if c.role == "drop"]
        if not drops:
            return None
        del kept[drops[-1]]


def render(out: Any, title: str, rows: Sequence[dict[str, Any]], columns: Sequence[Col],
           text: Any) -> None:
    """Print ``rows`` on console ``out`` as a table whose widths come from :func:`layout`,
    or as records when no table fits; ``text(value)`` turns a value into cell text."""
    from rich.markup import escape
    from rich.table import Table

    texts = {c.name: [text(r.get(c.name)) for r in rows] for c in columns}
    # a column with nothing in any row says nothing: leave it out
    columns = [c for c in columns if c.role == "key" or any(t.strip() for t in texts[c.name])]
    width = max(int(out.width), 40)
    plan = layout(columns, texts, width)
    if plan is None:
        _records(out, title, rows, columns, texts, width)
        return
    kept, widths = plan
    table = Table(title=escape(title) if title else None, header_style="bold",
                  title_justify="left", expand=False, min_width=None)
    for c, w in zip(kept, widths, strict=True):
        table.add_column(escape(c.title), width=w, no_wrap=c.role == "key",
                         overflow="fold", min_width=w, max_width=w)
    for i in range(len(rows)):
        table.add_row(*[escape(texts[c.name][i]) for c in kept])
    out.print(table)
    gone = [c.title for c in columns if c not in kept]
    if gone:
        out.print(f"[dim](left out to fit {width} columns: {escape(', '.join(gone))}; "
                  "--wide or --json shows them)[/dim]")


def _records(out: Any, title: str, rows: Sequence[dict[str, Any]], columns: Sequence[Col],
             texts: dict[str, list[str]], width: int) -> None:
    """One block per row: the key columns on one line, then each other field indented."""
    from rich.markup import escape

    if title:
        out.print(f"[bold]{escape(title)}[/bold]")
    keys = [c for c in columns if c.role == "key"] or list(columns[:1])
    for i in range(len(rows)):
        head = "  ".join(texts[c.name][i].replace("\n", " ") for c in keys)
        out.print(escape(head), soft_wrap=True)
        for c in columns:
            if c in keys or not texts[c.name][i].strip():
                continue
            body = " ".join(texts[c.name][i].split())
            wrapped = textwrap.fill(body, width=width, initial_indent=f"    {c.title}: ",
                                    subsequent_indent="      ", break_long_words=True,
                                    break_on_hyphens=False)
            out.print(escape(wrapped), soft_wrap=True)


def print_sections(out: Any, sections: Sequence[tuple[Any, ...]], columns: Sequence[Col],
                   text: Any, *, empty: str = "none", heading: str = "") -> None:
    """Tables one after another, under ``heading``; the empty ones are named together on one
    line (``none: owing consultation, bound to neutrality``) instead of one line each. A
    section is ``(title, rows)`` or ``(title, rows, its own columns)``."""
    from rich.markup import escape

    if heading:
        out.print(f"[bold]{escape(heading)}[/bold]")
    blank = [sec[0] for sec in sections if not sec[1]]
    for sec in sections:
        if sec[1]:
            render(out, sec[0], sec[1], as_cols(sec[2]) if len(sec) > 2 else columns, text)
    if blank:
        names = "; ".join(n for n in blank if n)
        out.print(escape(f"{empty}: {names}" if names else empty), soft_wrap=False)
