"""A listing page as read and the request for the next one: what every pager (the generic ones
in portals/parsing/pagination.py, a CMS family's own in portals/platforms/) takes and gives."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ListingPage:
    """A listing page as read: its text, where it came from and the pager state so far."""

    text: str
    url: str
    first_url: str
    number: int
    state: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PageRequest:
    """The request for the next listing page; ``state`` travels on to the page after it."""

    url: str
    method: str = "GET"
    body: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    state: Mapping[str, Any] = field(default_factory=dict)
