"""Rate limiting: a token bucket per client IP, held in Django's default cache.

Each client may spend up to :data:`BURST` requests at once; the bucket refills at
:data:`RATE_PER_MINUTE` (``FONDS_API_BURST``, ``FONDS_API_RATE``). A request that finds the bucket
empty is answered 429 with ``Retry-After`` (seconds until one token is back) in the shared
envelope. The constants are read on every request, so tests can change them.

The default cache is files under the home (``settings.CACHES``), shared by every worker process
of a server, so a client has one budget however many workers answer it. Servers behind one load
balancer each keep their own (see docs/deployment.md). The read-modify-write of a bucket is not
atomic; under a burst of parallel requests a client may get a few more than the limit, never fewer.

The client is ``REMOTE_ADDR``. ``X-Forwarded-For`` is trusted only when ``NINJA_NUM_PROXIES`` is set
(django-ninja's setting: how many proxies stand in front), because anyone can send that header.
"""

from __future__ import annotations

import math
import threading
import time

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from fonds import conf


def _setting(name: str) -> float:
    value = conf.get(name)
    try:
        number = float(value or 0)
    except ValueError:
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise ImproperlyConfigured(f"{name} must be a number of requests, 0 or more, not {value!r}")
    return number


RATE_PER_MINUTE = _setting("FONDS_API_RATE")
BURST = max(1, int(_setting("FONDS_API_BURST")))
ENABLED = RATE_PER_MINUTE > 0
KEY_PREFIX = "fonds:api:bucket:"
clock = time.time  # wall time, not monotonic: a shared cache is read by many processes


class TokenBucket(BaseThrottle):
    """django-ninja's throttle interface over a token bucket per client."""

    def __init__(self) -> None:
        # One object serves every request; the wait belongs to the request being checked.
        self._local = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self._local.wait = None
        if not ENABLED:
            return True
        rate = float(RATE_PER_MINUTE) / 60.0  # tokens a second
        burst = float(BURST)
        key = KEY_PREFIX + (self.client(request) or "unknown")
        now = clock()
        tokens, stamp = cache.get(key) or (burst, now)
        tokens = min(burst, tokens + max(0.0, now - stamp) * rate)
        refill = math.ceil(burst / rate) + 1 if rate > 0 else None  # seconds until full: then forget it
        if tokens >= 1.0:
            cache.set(key, (tokens - 1.0, now), refill)
            return True
        cache.set(key, (tokens, now), refill)
        self._local.wait = (1.0 - tokens) / rate if rate > 0 else 60.0
        return False

    def wait(self) -> float | None:
        """Seconds until the client's next request would be allowed (django-ninja sends Retry-After)."""
        wait = getattr(self._local, "wait", None)
        return max(1.0, wait) if wait is not None else None

    def client(self, request: HttpRequest) -> str | None:
        from ninja.conf import settings as ninja_settings

        if ninja_settings.NUM_PROXIES is not None:
            return self.get_ident(request)
        return request.META.get("REMOTE_ADDR")
