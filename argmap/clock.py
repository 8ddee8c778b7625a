"""Timestamps for map metadata; SOURCE_DATE_EPOCH pins them for reproducible output."""

from __future__ import annotations

import os
from datetime import datetime, timezone


def now_iso() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")
