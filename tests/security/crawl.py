"""A persona's walk through their partnership: every page a link leads to, one address per
URL pattern (the first found), as the person would reach it by clicking."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from django.test import Client
from django.urls import Resolver404, resolve

LINK = re.compile(r'href="(/p/[a-z0-9-]+/[^"#?]*)')
# Documents (PDF, Word, Excel) are typeset for seconds each: their own tests open them.
SKIP = ("/download", "/pdf", ".pdf", ".docx", ".xlsx", ".csv", "/logout", "/export")


@dataclass
class Walk:
    pages: dict[str, str] = field(default_factory=dict)  # route -> first address
    refused: list[tuple[str, str, int]] = field(default_factory=list)  # address, from, status


def crawl(client: Client, start: str, limit: int = 400) -> Walk:
    walk = Walk()
    queue = deque([(start, start)])
    seen = {start}
    while queue and len(walk.pages) < limit:
        url, linked_from = queue.popleft()
        try:
            route = resolve(url).route
        except Resolver404:
            continue
        if route in walk.pages:
            continue
        response = client.get(url)
        if response.status_code != 200:
            walk.refused.append((url, linked_from, response.status_code))
            continue
        walk.pages[route] = url
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for link in LINK.findall(response.content.decode()):
            if link not in seen and not any(part in link for part in SKIP):
                seen.add(link)
                queue.append((link, url))
    return walk
