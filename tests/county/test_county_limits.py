"""Body limit (413), gzip bodies, batch size and the per-token rate limit (429 + Retry-After)."""

import gzip
import json

from stationdesk.county.config import ServerConfig
from stationdesk.county.limits import RateLimiter
from tests.county.conftest import headers
from tests.county.payloads import batch, change, visit


def test_body_limit_413(make_county):
    """Over max_bytes is 413, declared or streamed; a gzip body is inflated within the limit."""
    county = make_county(ServerConfig(max_bytes=4000, max_batch=3, rate_per_s=1000, burst=1000))
    token = county.station("st-a")
    h = headers(token)
    big = json.dumps(batch([change("visit", "v", visit("u", name="长" * 3000))])).encode()
    r = county.client.post("/api/sync/v1/push", content=big, headers=h)
    assert r.status_code == 413 and r.json() == {"error": "too_large"}

    def stream():
        for i in range(0, len(big), 1000):
            yield big[i : i + 1000]

    r = county.client.post("/api/sync/v1/push", content=stream(), headers=h)
    assert r.status_code == 413

    small = visit("0190aaaa-0000-7000-8000-00000000000a")
    ok = gzip.compress(json.dumps(batch([change("visit", small["id"], small)])).encode())
    r = county.client.post(
        "/api/sync/v1/push", content=ok, headers=h | {"Content-Encoding": "gzip"}
    )
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied"
    bomb = gzip.compress(b"[" + b" " * 1_000_000 + b"]")
    assert len(bomb) < 4000
    r = county.client.post(
        "/api/sync/v1/push", content=bomb, headers=h | {"Content-Encoding": "gzip"}
    )
    assert r.status_code == 413

    four = [
        change("visit", f"v{i}", visit("0190aaaa-0000-7000-8000-00000000000a")) for i in range(4)
    ]
    r = county.client.post("/api/sync/v1/push", json=batch(four), headers=h)
    assert r.status_code == 413


def test_rate_limit_429_with_retry_after(make_county):
    """Past the burst a token gets 429 with Retry-After; another token is not affected."""
    county = make_county(ServerConfig(rate_per_s=0.5, burst=3))
    token_a = county.station("st-a")
    codes = [
        county.client.get("/api/sync/v1/hello", headers=headers(token_a)).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 200]
    r = county.client.get("/api/sync/v1/hello", headers=headers(token_a))
    assert r.status_code == 429 and r.json() == {"error": "rate_limited"}
    assert 1 <= int(r.headers["Retry-After"]) <= 2
    token_b = county.device("st-a")
    assert county.client.get("/api/sync/v1/hello", headers=headers(token_b)).status_code == 200


def test_rate_limiter_refills():
    """The bucket refills at `rate` per second and the wait it reports is exact."""
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=2, clock=lambda: now[0])
    assert limiter.take("k") == 0 and limiter.take("k") == 0
    assert limiter.take("k") == 0.5
    now[0] = 0.5
    assert limiter.take("k") == 0


def test_a_respelt_or_made_up_token_gets_no_fresh_allowance(make_county):
    """ "bearer", extra spaces or random tokens: still the same token's, or the address's, bucket."""
    county = make_county(ServerConfig(rate_per_s=0.01, burst=2))
    token = county.station("st-a")
    codes = []
    for i in range(10):
        scheme = "bearer" if i % 2 else "Bearer"
        h = {"Authorization": f"{scheme} {' ' * i}{token}", "X-Stationdesk-Protocol": "1"}
        codes.append(county.client.get("/api/sync/v1/hello", headers=h).status_code)
    assert codes.count(200) == 2 and codes.count(429) == 8
    made_up = [
        county.client.get(
            "/api/sync/v1/hello",
            headers={"Authorization": f"Bearer made-up-{n:04d}", "X-Stationdesk-Protocol": "1"},
        ).status_code
        for n in range(40)
    ]
    # one client address: ten tokens' worth of burst (20) minus the 10 above, then 429
    assert made_up.count(429) >= 40 - 20 and 200 not in made_up
