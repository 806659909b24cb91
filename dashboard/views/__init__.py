"""The page's parts, one module each, every one a function of the run's
:class:`dashboard.context.Context` (``render(ctx)``).

Around the map: ``headline``, ``map``, ``sidebar``, ``place`` (the selected
place beside the map), ``address`` (the link that is the view), and
``presentation`` (the map alone, for a projector). One click away: the tabs in
``TABS``, each with ``title(ctx)`` and ``render(ctx)``, so they can as well
become pages of their own (``st.navigation``).
"""
from __future__ import annotations

from . import (address, conferences, downloads, headline, map, overview, place, presentation, problems, sidebar, stats,
               table)

# The tabs under the map, in order; "tab" in the session holds the open one's title.
TABS = (overview, table, stats, conferences, problems, downloads)

__all__ = ["TABS", "address", "conferences", "downloads", "headline", "map", "overview", "place", "presentation",
           "problems", "sidebar", "stats", "table"]
