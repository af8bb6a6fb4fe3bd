"""The cable audit: how the grammar read a whole store, in counts a user can check.

For a newly ingested volume this is how one sees at a glance whether the apparatus was
understood: counts by classification, precedence, caveat, channel, document type and
repository, and the marking tokens and note text the grammar did not recognise.
"""

from __future__ import annotations

from typing import Any

from centralfiles.store.database import Store

NONE = "(none)"
UNPARSED_EXAMPLES = 10


def cable_report(store: Store, volume: str | None = None) -> dict[str, Any]:
    """Counts over the store (or one volume) of what the cable grammar extracted."""
    audit = _Audit(store, volume)
    unparsed = audit.rows("SELECT id, source_unparsed FROM documents {where} "
                          "AND source_unparsed IS NOT NULL ORDER BY volume, seq")  # fmt: skip
    return {
        "documents": audit.scalar("SELECT count(*) FROM documents {where}"),
        "with_source_note": audit.scalar(
            "SELECT count(*) FROM documents {where} AND source_text IS NOT NULL"
        ),
        "classification": audit.column("classification"),
        "precedence": audit.column("precedence"),
        "caveats": audit.json_list("caveats"),
        "channels": audit.column("telegram_channel"),
        "doc_types": audit.column("doc_type"),
        "repositories": audit.column("source_repository"),
        "unrecognised": audit.json_list("source_unrecognised"),
        "unparsed": {
            "documents": len(unparsed),
            "examples": [{"id": row[0], "text": row[1]} for row in unparsed[:UNPARSED_EXAMPLES]],
        },
    }


class _Audit:
    """SQL over the documents of the whole store or of one volume."""

    def __init__(self, store: Store, volume: str | None) -> None:
        self.store = store
        self.where = "WHERE volume = ?" if volume else "WHERE 1"
        self.params: tuple[Any, ...] = (volume,) if volume else ()

    def rows(self, sql: str) -> list[Any]:
        return self.store.conn.execute(sql.format(where=self.where), self.params).fetchall()

    def scalar(self, sql: str) -> int:
        return int(self.rows(sql)[0][0])

    def _counts(self, sql: str) -> dict[str, int]:
        return {(r[0] if r[0] is not None else NONE): r[1] for r in self.rows(sql)}

    def column(self, column: str) -> dict[str, int]:
        return self._counts(
            f"SELECT {column}, count(*) AS n FROM documents {{where}} GROUP BY 1 ORDER BY n DESC, 1"
        )

    def json_list(self, column: str) -> dict[str, int]:
        return self._counts(
            f"SELECT j.value, count(*) AS n FROM documents, json_each(documents.{column}) AS j "
            "{where} GROUP BY 1 ORDER BY n DESC, 1"
        )
