"""Actor resolution: noun phrase -> CAMEO-style actor code (country + role, known group, organisation, person).

    from newsevents.actors import ActorResolver, ArticleMemory
    r = ActorResolver.load()
    r.resolve("Japanese officials")          # Actor(code="JPNGOV", ...)
"""
from .resolver import ActorResolver, ArticleMemory, tokenize

__all__ = ["ActorResolver", "ArticleMemory", "tokenize"]
