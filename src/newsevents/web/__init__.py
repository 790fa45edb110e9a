"""The dashboard: a single page of plain JS modules and CSS in `static/`, served by `newsevents.api`."""
