"""Scoring a question set (DESIGN.md eval format) against the assistant and its baselines.

    questions.py  the eval-set format: load_questions, EvalQuestion, EvalSetError
    korquad.py    short-answer EM / F1 with KorQuAD 1.0's official normalisation
    metrics.py    relevance, answer matching, per-question results, summaries, breakdowns, CIs
    splits.py     train/test split by document (a trained model is reported on unseen documents)
    baselines.py  the systems: full, bm25-whitespace, bm25-kiwi, dense, naive-peer
    runner.py     stage a corpus, build/cache its index, run systems over questions
    report.py     report.md tables, chart.png, results.json

`eval/run.py` is the command line over these.
"""

from .baselines import BASELINES, CONVERSATION_SYSTEMS, SYSTEMS, Reply, System
from .korquad import exact_match, f1_score, normalize_answer
from .metrics import (
                      QuestionResult,
                      bootstrap,
                      breakdown,
                      count_relevant,
                      relevant,
                      results_json,
                      score_answer,
                      summarise,
)
from .questions import (
                      EvalConversation,
                      EvalQuestion,
                      EvalSetError,
                      load_conversations,
                      load_questions,
)
from .splits import assign, doc_of, load_split, split_of

__all__ = [
    "BASELINES", "CONVERSATION_SYSTEMS", "SYSTEMS", "EvalConversation", "load_conversations", "Reply", "System", "exact_match", "f1_score", "normalize_answer", "QuestionResult",
    "bootstrap", "breakdown", "count_relevant", "relevant", "results_json", "score_answer", "summarise",
    "EvalQuestion", "EvalSetError", "load_questions", "assign", "doc_of", "load_split", "split_of",
]
