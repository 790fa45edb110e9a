"""Rows of the knowledge tables (article_knowledge, article_names, article_themes, article_quotations,
article_amounts, article_signatures) for a batch of coded articles, as Arrow tables for one bulk insert."""
from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from ..records import CodedArticle

_INT, _FLOAT, _STR = pa.int32(), pa.float64(), pa.string()
_INTS, _STRS = pa.list_(pa.int32()), pa.list_(pa.string())

SCHEMAS: dict[str, dict[str, pa.DataType]] = {
    "article_knowledge": {
        "article_id": _STR, "language": _STR, "language_score": _FLOAT, "language_source": _STR,
        "coded": pa.bool_(), "words": _INT, "tone": _FLOAT, "positive": _FLOAT, "negative": _FLOAT,
        "polarity": _FLOAT, "activity": _FLOAT, "self_group": _FLOAT, "score": _FLOAT},
    "article_names": {
        "article_id": _STR, "kind": _STR, "name": _STR, "label": _STR, "count": _INT, "starts": _INTS,
        "ends": _INTS, "actor_code": _STR, "geonames_id": pa.int64(), "feature": _STR, "country": _STR, "adm1": _STR,
        "lat": _FLOAT, "lon": _FLOAT, "reason": _STR},
    "article_themes": {
        "article_id": _STR, "theme": _STR, "label": _STR, "count": _INT, "starts": _INTS, "ends": _INTS,
        "triggers": _STRS},
    "article_quotations": {
        "article_id": _STR, "start": _INT, "end": _INT, "quote": _STR, "verb": _STR, "speaker": _STR,
        "speaker_start": _INT, "speaker_end": _INT, "speaker_name": _STR, "speaker_code": _STR, "reason": _STR},
    "article_amounts": {
        "article_id": _STR, "kind": _STR, "text": _STR, "value": _FLOAT, "start": _INT, "end": _INT,
        "object": _STR, "object_start": _INT, "object_end": _INT},
    "article_signatures": {"article_id": _STR, "minhash": pa.list_(pa.uint32())},
}


def knowledge_tables(coded: Sequence[CodedArticle]) -> dict[str, pa.Table]:
    """Non-empty Arrow tables, one per knowledge table, for the articles that carry knowledge."""
    rows: dict[str, list[dict]] = {t: [] for t in SCHEMAS}
    for c in coded:
        k = c.knowledge
        if k is None:
            continue
        aid = c.article.id
        t = k.tone
        rows["article_knowledge"].append({
            "article_id": aid, "language": k.language, "language_score": k.language_score,
            "language_source": k.language_source, "coded": k.coded, "words": t.words if t else None,
            "tone": t.tone if t else None, "positive": t.positive if t else None,
            "negative": t.negative if t else None, "polarity": t.polarity if t else None,
            "activity": t.activity if t else None, "self_group": t.self_group if t else None,
            "score": t.score if t else None})
        for n in k.names:
            rows["article_names"].append({
                "article_id": aid, "kind": n.kind, "name": n.name, "label": n.label, "count": n.count,
                "starts": [m.start for m in n.mentions], "ends": [m.end for m in n.mentions],
                "actor_code": n.actor_code, "geonames_id": n.geonames_id, "feature": n.feature,
                "country": n.country, "adm1": n.adm1,
                "lat": n.lat, "lon": n.lon, "reason": n.reason})
        for th in k.themes:
            rows["article_themes"].append({
                "article_id": aid, "theme": th.id, "label": th.label, "count": th.count,
                "starts": [s.start for s in th.triggers], "ends": [s.end for s in th.triggers],
                "triggers": [s.text for s in th.triggers]})
        for q in k.quotations:
            rows["article_quotations"].append({
                "article_id": aid, "start": q.quote.start, "end": q.quote.end, "quote": q.quote.text,
                "verb": q.verb, "speaker": q.speaker.text if q.speaker else None,
                "speaker_start": q.speaker.start if q.speaker else None,
                "speaker_end": q.speaker.end if q.speaker else None, "speaker_name": q.speaker_name or None,
                "speaker_code": q.speaker_code or None, "reason": q.reason})
        for a in k.amounts:
            rows["article_amounts"].append({
                "article_id": aid, "kind": a.kind, "text": a.span.text, "value": a.value, "start": a.span.start,
                "end": a.span.end, "object": a.object.text if a.object else None,
                "object_start": a.object.start if a.object else None,
                "object_end": a.object.end if a.object else None})
        if k.signature is not None:
            rows["article_signatures"].append({"article_id": aid, "minhash": list(k.signature)})
    return {table: pa.table({col: pa.array([r[col] for r in rs], type=typ) for col, typ in SCHEMAS[table].items()})
            for table, rs in rows.items() if rs}
