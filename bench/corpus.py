"""A simple multiplied TEI corpus for ingest benchmarks, built from the real excerpts.

Each synthetic volume keeps the real header and front matter and repeats the real documents
``copies`` times with fresh ids (``d1``, ``d2``, ... and their note ids), so volumes reach the
size of real ones (0.5–10 MB) while staying valid FRUS TEI.
"""

from __future__ import annotations

import re
from pathlib import Path

DOC_START = re.compile(r'<div type="document" xml:id="(d\d+)" n="(\d+)"')
ROOT_ID = re.compile(r'(<TEI\b[^>]*\bxml:id=")([^"]+)(")')


def split_excerpt(text: str) -> tuple[str, list[str], str]:
    """(prefix up to the first document, document divs, suffix after the last one)."""
    starts = [m.start() for m in DOC_START.finditer(text)]
    if not starts:
        raise ValueError("no documents in the excerpt")
    end = text.rindex("</div>", 0, text.index("</body>"))  # the wrapping chapter's close
    documents = [text[a:b] for a, b in zip(starts, [*starts[1:], end], strict=True)]
    return text[: starts[0]], documents, text[end:]


def renumber(document: str, old: str, new: int) -> str:
    document = document.replace(f'xml:id="{old}"', f'xml:id="d{new}"', 1)
    document = re.sub(r'\bn="\d+"', f'n="{new}"', document, count=1)
    document = document.replace(f'xml:id="{old}fn', f'xml:id="d{new}fn')
    return re.sub(r"^(\s*<head>)\d+\.", rf"\g<1>{new}.", document, count=1, flags=re.M)


def write_volume(excerpt: Path, target: Path, volume_id: str, copies: int) -> int:
    """Write one synthetic volume; returns its document count."""
    prefix, documents, suffix = split_excerpt(excerpt.read_text(encoding="utf-8"))
    prefix = ROOT_ID.sub(rf"\g<1>{volume_id}\g<3>", prefix, count=1)
    number = 0
    with target.open("w", encoding="utf-8") as out:
        out.write(prefix)
        for _ in range(copies):
            for document in documents:
                number += 1
                old = DOC_START.match(document)
                assert old is not None
                out.write(renumber(document, old.group(1), number))
        out.write(suffix)
    return number


def build(excerpt: Path, folder: Path, volumes: int, copies: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(volumes):
        path = folder / f"frusbench-v{index + 1}.xml"
        if not path.exists():
            write_volume(excerpt, path, f"frusbench-v{index + 1}", copies)
        paths.append(path)
    return paths
