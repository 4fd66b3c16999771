"""Groups similar questions across languages: character n-grams plus the topics the training data gives them."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import normalize
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.questions.models import LoggedQuestion, QuestionGroup
from api.settings import ROOT

NLU_DIR = ROOT / "data" / "nlu"
# Average cosine similarity a question needs with a group to belong to it (tuned on tests/api/questions/grouping_sample.yml).
THRESHOLD = 0.25
# The intent projection weighs twice the spelling: paraphrases in other languages share intents, not letters.
INTENT_WEIGHT = 2.0
NOT_A_THEME = ("out_of_scope", "nlu_fallback")
EXEMPLARS = 5
BATCH = 1000


def fold(text: str) -> str:
    """Returns the text lowercased and without Latin accents, so that spelling variants meet."""
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ı", "i"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def training_examples(nlu_dir: Path = NLU_DIR, pattern: str = "*/*.yml") -> tuple[list[str], list[str]]:
    """Reads the texts and intents of the NLU training data (by default in every language)."""
    texts, intents = [], []
    for path in sorted(nlu_dir.glob(pattern)):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(line.strip()[2:])
                    intents.append(block["intent"])
    return texts, intents


class Featurizer:
    """Turns texts into vectors whose cosine similarity says how alike two questions are."""

    def __init__(self, texts: list[str], intents: list[str]) -> None:
        # Hashing keeps n-grams the training data never saw (names, places), which often carry the theme.
        self.hasher = HashingVectorizer(analyzer="char_wb", ngram_range=(2, 4), n_features=2**18,
                                        alternate_sign=False, norm=None, preprocessor=fold)
        counts = self.hasher.transform(texts)
        self.idf = TfidfTransformer(sublinear_tf=True).fit(counts)
        self.classifier = SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30, tol=None, random_state=0)
        self.classifier.fit(self.idf.transform(counts), intents)
        self.theme_columns = np.array([c not in NOT_A_THEME for c in self.classifier.classes_])

    def vectors(self, texts: list[str]) -> csr_matrix:
        """Returns one L2-normalised row per text: its n-grams, and its in-domain intent probabilities."""
        spelling = self.idf.transform(self.hasher.transform(texts))
        # Out-of-scope probability is dropped: two unrelated out-of-scope questions must not look alike for it.
        intents = self.classifier.predict_proba(spelling) * self.theme_columns * INTENT_WEIGHT
        return normalize(hstack([normalize(spelling), csr_matrix(intents)]).tocsr())


@lru_cache(maxsize=1)
def featurizer() -> Featurizer:
    """Builds the featurizer from the training data once per process (a few seconds)."""
    return Featurizer(*training_examples())


def cluster(texts: list[str], *, threshold: float = THRESHOLD) -> list[int]:
    """Clusters texts by average-linkage agglomeration; returns a cluster number per text."""
    if len(texts) < 2:
        return [0] * len(texts)
    vectors = featurizer().vectors(texts)
    distance = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, None)
    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - threshold)
    return model.fit_predict(distance).tolist()


def group_new_questions(session: Session, *, limit: int = BATCH) -> int:
    """Puts ungrouped questions into the most similar existing group, or into new groups; returns how many."""
    # A 👎 on an answer reached by a button has no text: there is nothing to compare.
    pending = list(session.scalars(select(LoggedQuestion).where(LoggedQuestion.group_id.is_(None),
                                                                LoggedQuestion.text != "")
                                   .order_by(LoggedQuestion.id).limit(limit)))
    if not pending:
        return 0
    vectors = featurizer().vectors([q.text for q in pending])
    leftovers = _join_existing(session, pending, vectors)
    if leftovers:
        numbers = cluster([pending[i].text for i in leftovers])
        new_groups: dict[int, QuestionGroup] = {}
        for index, number in zip(leftovers, numbers):
            if number not in new_groups:
                new_groups[number] = QuestionGroup(label="")
                session.add(new_groups[number])
            pending[index].group = new_groups[number]
    session.commit()
    return len(pending)


def _join_existing(session: Session, pending: list[LoggedQuestion], vectors: csr_matrix) -> list[int]:
    """Assigns questions to existing groups by average similarity with their latest members; returns the rest."""
    ranked = select(LoggedQuestion.group_id, LoggedQuestion.text, func.row_number().over(
        partition_by=LoggedQuestion.group_id, order_by=LoggedQuestion.id.desc()).label("n")
    ).where(LoggedQuestion.group_id.is_not(None)).subquery()
    exemplars = session.execute(select(ranked.c.group_id, ranked.c.text).where(ranked.c.n <= EXEMPLARS)).all()
    if not exemplars:
        return list(range(len(pending)))
    group_ids = np.array([g for g, _ in exemplars])
    similarity = (vectors @ featurizer().vectors([t for _, t in exemplars]).T).toarray()
    groups = np.unique(group_ids)
    # Average similarity with each group's exemplars, as average linkage would measure it.
    membership = csr_matrix((np.ones(len(group_ids)), (np.searchsorted(groups, group_ids), np.arange(len(group_ids)))),
                            shape=(len(groups), len(group_ids)))
    average = (membership @ similarity.T).T / np.asarray(membership.sum(axis=1)).ravel()
    best = average.argmax(axis=1)
    leftovers = []
    for index, question in enumerate(pending):
        if average[index, best[index]] >= THRESHOLD:
            question.group_id = int(groups[best[index]])
        else:
            leftovers.append(index)
    return leftovers
