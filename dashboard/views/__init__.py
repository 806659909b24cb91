"""The page's parts, one module each, every one a function of the run's
:class:`dashboard.context.Context` (``render(ctx)``).

The frame of the normal view: ``headline`` (the slim bar at the top: title,
count, the views one click away), ``layout`` (the map fills the window),
``sidebar`` (language, ``place`` chooser, filters, your own list), ``address``
(the link that is the view); ``presentation`` is the map alone, for a
projector. The views the bar switches between are ``VIEWS``: the ``map``
first, then the ones in ``TABS``, each with ``title(ctx)`` and ``render(ctx)``.
"""
from __future__ import annotations

from types import ModuleType

from . import (address, conferences, downloads, headline, layout, map, overview, place, presentation, problems, sidebar,
               stats, table)

# One click away from the map, in the bar's order.
TABS = (overview, table, stats, conferences, problems, downloads)
# What the bar offers; "tab" in the session holds the open one's name.
VIEWS = (map, *TABS)


def name(view: ModuleType) -> str:
    """The view's name as the session (and the tests) call it: "map", "table" …"""
    return view.__name__.rsplit(".", 1)[-1]


__all__ = ["TABS", "VIEWS", "address", "conferences", "downloads", "headline", "layout", "map", "name", "overview",
           "place", "presentation", "problems", "sidebar", "stats", "table"]
