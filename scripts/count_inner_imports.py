"""Count imports that are not at a module's top level, and list module sizes.

Why: imports inside functions hide a module's real dependencies (and the cycles they dodge);
the layered layout allows them only in the faces (``cli/``, ``web/``) and lazy ``__init__``
maps. ``if TYPE_CHECKING:`` blocks are top level for this count (they import nothing at run
time).

Usage::

    python scripts/count_inner_imports.py [src/foedus] [--sizes N] [--list]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path


def _top_level_ids(tree: ast.Module) -> set[int]:
    """Ids of import nodes at module level, including under ``if``/``try`` at module level."""
    found: set[int] = set()

    def walk(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                found.add(id(node))
            elif isinstance(node, ast.If):
                walk(node.body)
                walk(node.orelse)
            elif isinstance(node, ast.Try):
                walk(node.body)
                for h in node.handlers:
                    walk(h.body)
                walk(node.orelse)
                walk(node.finalbody)

    walk(tree.body)
    return found


def inner_imports(path: Path) -> list[int]:
    """Line numbers of imports that sit inside a function or class body."""
    tree = ast.parse(path.read_text(), str(path))
    top = _top_level_ids(tree)
    return sorted(n.lineno for n in ast.walk(tree)
                  if isinstance(n, (ast.Import, ast.ImportFrom)) and id(n) not in top)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    root = Path(args[0] if args else "src/foedus")
    sizes = 10
    if "--sizes" in sys.argv:
        sizes = int(sys.argv[sys.argv.index("--sizes") + 1])
    files = sorted(root.rglob("*.py"))
    total = 0
    by_area: dict[str, int] = {}
    for f in files:
        lines = inner_imports(f)
        total += len(lines)
        rel = f.relative_to(root)
        area = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        by_area[area] = by_area.get(area, 0) + len(lines)
        if "--list" in sys.argv and lines:
            print(f"{f}: {len(lines)} ({', '.join(map(str, lines))})")
    faces = sum(v for k, v in by_area.items() if k in ("cli", "web"))
    print(f"modules: {len(files)}; lines: "
          f"{sum(len(f.read_text().splitlines()) for f in files)}")
    print(f"imports inside functions: {total} (faces cli/web: {faces}; "
          f"elsewhere: {total - faces})")
    print("by area: " + ", ".join(f"{k} {v}" for k, v in sorted(by_area.items()) if v))
    print(f"largest {sizes} modules:")
    for n, f in sorted(((len(f.read_text().splitlines()), f) for f in files),
                       reverse=True)[:sizes]:
        print(f"  {n:5d} {f}")


if __name__ == "__main__":
    main()
