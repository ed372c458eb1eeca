"""docs/roles.md's table is the role matrix the services enforce."""

from pathlib import Path

from stationdesk.domain.permissions import MATRIX, Action, Role

DOC = Path(__file__).resolve().parents[1] / "docs" / "roles.md"
COLUMNS = (Role.CLERK, Role.ADMIN, Role.DEPUTY, Role.SYSTEM)


def test_the_roles_table_equals_the_matrix():
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            action = Action(cells[0].split("`")[1])
            rows[action] = [c == "✓" for c in cells[1:]]
    assert set(rows) == set(Action)
    for action, marks in rows.items():
        assert marks == [action in MATRIX[role] for role in COLUMNS], action
