"""Short-answer EM and F1 exactly as KorQuAD 1.0's official script (evaluate-v1.0.py) scores them.

normalize_answer: the quotes and brackets ' " 《 》 < > 〈 〉 ( ) ‘ ’ become spaces, the text is
lower-cased, ASCII punctuation (`string.punctuation`) is dropped and runs of whitespace become
one space. EM: the two normalised strings are equal. F1: over *characters*, whitespace not
counted: precision = shared characters (multiset) / predicted characters, recall = shared /
gold characters. So "1989년 2월 15일에" against "1989년 2월 15일" is not an exact match and
has F1 = 2·(10/11)·1 / (10/11 + 1) ≈ 0.952.
"""

import re
import string
from collections import Counter

_SPACED = re.compile("['\"《》<>〈〉()‘’]")
_PUNCT = frozenset(string.punctuation)


def normalize_answer(s: str) -> str:
    s = _SPACED.sub(" ", s).lower()
    s = "".join(ch for ch in s if ch not in _PUNCT)
    return " ".join(s.split())


def exact_match(prediction: str, gold: str) -> bool:
    return normalize_answer(prediction) == normalize_answer(gold)


def f1_score(prediction: str, gold: str) -> float:
    pred = [ch for tok in normalize_answer(prediction).split() for ch in tok]
    ref = [ch for tok in normalize_answer(gold).split() for ch in tok]
    same = sum((Counter(pred) & Counter(ref)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(pred), same / len(ref)
    return 2 * precision * recall / (precision + recall)
