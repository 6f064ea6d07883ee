"""A small statistical document-kind classifier, for where the rules of
toolkit/extract/kind.py are unsure.

Character 1–3-gram TF-IDF + logistic regression, trained on the labelled
texts of corpus/kinds.yaml and the genre paragraphs of corpus/reference
(classes balanced) at first use (a few dozen milliseconds) and kept in
memory; deterministic (liblinear, fixed random_state).
"""

from __future__ import annotations

from functools import lru_cache

import yaml

from ..kinds import KINDS
from ..resources import CORPUS_DIR

MAX_CHARS = 1500  # the head of a document says what it is
# Narrative kinds with genre paragraphs in corpus/reference/KIND.yaml.
GENRES = tuple(k.name for k in KINDS if k.narrative and (CORPUS_DIR / "reference" / f"{k.name}.yaml").is_file())


@lru_cache(maxsize=1)
def model():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    with open(CORPUS_DIR / "kinds.yaml", encoding="utf-8") as fh:
        labelled = yaml.safe_load(fh)
    texts = [t for texts in labelled.values() for t in texts]
    kinds = [k for k, texts in labelled.items() for _ in texts]
    for genre in GENRES:
        with open(CORPUS_DIR / "reference" / f"{genre}.yaml", encoding="utf-8") as fh:
            paragraphs = [e["text"] for e in yaml.safe_load(fh)]
        texts += paragraphs
        kinds += [genre] * len(paragraphs)
    clf = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, lowercase=False),
        LogisticRegression(C=10.0, max_iter=1000, random_state=0, class_weight="balanced"),
    )
    return clf.fit(texts, kinds)


def classify_text(text: str) -> tuple[str, float]:
    """(kind, probability) for the text of a document (its first lines and cells)."""
    clf = model()
    probs = clf.predict_proba([text[:MAX_CHARS]])[0]
    best = int(probs.argmax())
    return str(clf.classes_[best]), round(float(probs[best]), 3)
