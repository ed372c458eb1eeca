from stationdesk.services.reception import register_visit
from stationdesk.sync.engine import SyncEngine
from tests.factories import sample_visit


def test_smoke(station):
    ctx = station.ctx
    register_visit(ctx, sample_visit(1))
    report = SyncEngine(ctx).run_cycle()
    print(report)
