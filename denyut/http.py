"""The HTTP session every network client of Denyut uses (collectors, training-data downloads).

Retries connection errors, 429 and 5xx with exponential backoff, honours Retry-After, applies a
timeout to every request, waits a minimum interval between requests and says who is asking.
"""

from __future__ import annotations

import time

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from denyut.config import HttpSettings

RETRY_STATUSES = (429, 500, 502, 503, 504)


class _Adapter(HTTPAdapter):
    """requests has no session-wide timeout; this adapter supplies one."""

    def __init__(self, timeout: float, **kwargs):
        self.timeout = timeout
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class _Paced(requests.Session):
    """A session that waits min_interval between requests to the same source."""

    def __init__(self, min_interval: float):
        super().__init__()
        self.min_interval = min_interval
        self._last = 0.0

    def request(self, *args, **kwargs):
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            return super().request(*args, **kwargs)
        finally:
            self._last = time.monotonic()


def http_session(settings: HttpSettings | None = None) -> requests.Session:
    """urllib3 does the retrying: connection errors, 429 and 5xx, exponential backoff, Retry-After honoured."""
    settings = settings or HttpSettings()
    retry = Retry(total=settings.retries, connect=settings.retries, read=settings.retries, status=settings.retries,
                  backoff_factor=settings.backoff_s, status_forcelist=RETRY_STATUSES, respect_retry_after_header=True,
                  allowed_methods=frozenset({"GET", "HEAD", "POST"}), raise_on_status=False)
    session = _Paced(settings.min_interval_s)
    adapter = _Adapter(settings.timeout_s, max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = settings.user_agent
    return session
