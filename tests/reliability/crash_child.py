"""Child process for the crash test: saves visits through the real service, acks after COMMIT."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from stationdesk.paths import DataPaths
from stationdesk.services.reception import register_visit
from stationdesk.services.station import open_data_dir
from tests.factories import sample_visit


def main() -> None:
    opened = open_data_dir(DataPaths(Path(sys.argv[1])))
    assert opened.status == "ok", opened
    ctx = opened.ctx
    out = sys.stdout
    out.write("READY\n")
    out.flush()
    n = 0
    while True:
        n += 1
        result, _ = register_visit(ctx, sample_visit(n))
        # register_visit returned, so COMMIT returned: only now is the visit acknowledged.
        out.write(f"ACK {result.visit_id} {','.join(c.id for c in result.cases)}\n")
        out.flush()


if __name__ == "__main__":
    main()
