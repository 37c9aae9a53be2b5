"""Stable global ids: every record row carries one, so two machines can merge their records.

The ids follow UUIDv7 (RFC 9562): 48 bits of Unix time in milliseconds, then random bits. Ids
made later sort later, and two machines practically never make the same one. The same layout is
produced in SQL (``uid_sql_expression``) by the triggers that give a row inserted by any store function its
id, so the store's write functions need not know about ids.
"""

import secrets
from datetime import UTC, datetime


def uuid7(moment: datetime | None = None, random_bits: int | None = None) -> str:
    """A UUIDv7 text for ``moment`` (default: now) with 74 random bits (``random_bits`` for tests).

    The first 48 bits are the Unix time in milliseconds, so ids sort by the moment they stand for.
    """
    when = moment or datetime.now(UTC)
    milliseconds = int(when.timestamp() * 1000) & ((1 << 48) - 1)
    rand = secrets.randbits(74) if random_bits is None else random_bits & ((1 << 74) - 1)
    rand_a = rand >> 62
    rand_b = rand & ((1 << 62) - 1)
    value = (milliseconds << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def uid_sql_expression() -> str:
    """An SQL expression that makes a UUIDv7 text like ``uuid7`` (time from ``'now'``)."""
    stamp = "printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))"
    return (
        f"substr({stamp}, 1, 8) || '-' || substr({stamp}, 9, 4) || '-7' "
        "|| substr(lower(hex(randomblob(2))), 2, 3) || '-' "
        "|| substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2, 3) "
        "|| '-' || lower(hex(randomblob(6)))"
    )


def uid_time(uid: str) -> datetime:
    """The moment a UUIDv7 text was made for (its first 48 bits)."""
    milliseconds = int(uid.replace("-", "")[:12], 16)
    return datetime.fromtimestamp(milliseconds / 1000, UTC)
