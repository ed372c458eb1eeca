"""The commit-ordered server_seq: allocated inside the writing transaction, not a sequence."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from stationdesk.county.db import FEED
from stationdesk.county.models import FeedCounter


def next_seq(s: Session, count: int = 1) -> int:
    """The last of the next `count` server_seqs; the row lock held until COMMIT orders writers.

    Caller owns the transaction. A reader never sees seq N+1 committed before N, because the
    writer holding N keeps the counter row locked until it commits.
    """
    stmt = (
        update(FeedCounter)
        .where(FeedCounter.feed == FEED)
        .values(value=FeedCounter.value + count)
        .returning(FeedCounter.value)
    )
    return int(s.execute(stmt).scalar_one())


def high_water(s: Session) -> int:
    """The largest server_seq handed out so far (a pull cursor beyond it means a restore)."""
    return int(s.execute(select(FeedCounter.value).where(FeedCounter.feed == FEED)).scalar_one())
