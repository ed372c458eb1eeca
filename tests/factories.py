"""Test data builders shared by every test folder."""

from __future__ import annotations

from stationdesk.domain.enums import Channel, Track
from stationdesk.services.dto import IssueInput, VisitInput


def sample_visit(n: int = 0) -> VisitInput:
    """A visit with an on-the-spot issue and a supervised one."""
    return VisitInput(
        visitor_name="张三丰",
        phone=f"138{n % 100000000:08d}",
        id_number="11010519491231002X",
        address="东关村幸福路12号",
        channel=Channel.WALK_IN,
        issues=(
            IssueInput(
                content="村口路灯坏了三盏", track=Track.ON_SPOT, on_spot_answer="已联系电工"
            ),
            IssueInput(content="学校门口停车难", demand="增设停车位", track=Track.SUPERVISE),
        ),
    )
