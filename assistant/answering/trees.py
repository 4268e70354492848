"""A boosted tree ensemble (trained by LightGBM in eval/train_answer.py), evaluated with numpy.

The shipped model file holds the trees themselves: for every node its feature, threshold and
children, for every leaf its value. Answering needs no LightGBM: all trees walk all rows at
once, one level per step (a pair that reached its leaf steps no further). tests/test_answering.py
checks that the scores equal LightGBM's own `predict(raw_score=True)` on the same rows.

Features are {name: value} dicts as for the linear models; a name the model does not know is
ignored, an absent one is 0 (as the DictVectorizer that fed the training made it).
"""

from dataclasses import dataclass

import numpy as np

_ZERO = 1e-35  # LightGBM's kZeroThreshold: |x| at or below it counts as zero


@dataclass(frozen=True)
class TreeEnsemble:
    features: tuple  # feature names, in the column order the trees index
    roots: np.ndarray  # (trees,) node index of each tree's root
    feature: np.ndarray  # (nodes,) column a node splits on; -1 for a leaf
    threshold: np.ndarray  # (nodes,) go left when x <= threshold
    left: np.ndarray  # (nodes,)
    right: np.ndarray  # (nodes,)
    zero_default_left: np.ndarray  # (nodes,) -1: zero is a value like any; 0/1: zero goes right/left
    value: np.ndarray  # (nodes,) leaf values (0 for split nodes)
    depth: int  # the longest root-to-leaf path
    importance: dict  # feature name -> total gain of its splits (for reading the model)

    def __post_init__(self):
        # derived once: column of each feature name; children as (nodes, 2) = [right, left]
        object.__setattr__(self, "_column", {n: i for i, n in enumerate(self.features)})
        object.__setattr__(self, "_children", np.stack([self.right, self.left], axis=1))
        object.__setattr__(self, "_zero_rules", bool((self.zero_default_left >= 0).any()))

    def logits(self, rows: list[dict]) -> np.ndarray:
        if not rows:
            return np.zeros(0)
        col = self._column
        X = np.zeros((len(rows), len(self.features) + 1))  # the last column stays 0 for leaves
        for r, row in enumerate(rows):
            for name, v in row.items():
                c = col.get(name)
                if c is not None:
                    X[r, c] = v
        # every (tree, row) pair walks down one level per step; pairs that reached a leaf drop out,
        # so the few deep trees do not make every pair take their number of steps
        n_rows, width = X.shape
        flat = X.ravel()
        node = np.repeat(self.roots, n_rows)  # pair t * n_rows + r
        base = np.tile(np.arange(n_rows) * width, len(self.roots))  # where each pair's row starts in `flat`
        active = np.arange(node.size)
        while active.size:
            at = node[active]
            column = self.feature[at]
            inner = column >= 0
            if not inner.all():
                active, at, column = active[inner], at[inner], column[inner]
            x = flat[base[active] + column]
            go_left = x <= self.threshold[at]
            if self._zero_rules:
                rule = self.zero_default_left[at]
                go_left = np.where((np.abs(x) <= _ZERO) & (rule >= 0), rule == 1, go_left)
            node[active] = self._children[at, go_left.astype(np.int64)]
        return self.value[node].reshape(len(self.roots), n_rows).sum(axis=0)

    def logit(self, features: dict) -> float:
        return float(self.logits([features])[0])

    def probability(self, features: dict) -> float:
        """For a binary ensemble, whose raw score is a logit."""
        x = self.logit(features)
        return 1 / (1 + np.exp(-x)) if x > -50 else 0.0

    def to_dict(self) -> dict:
        return {"kind": "trees", "trees": int(len(self.roots)), "depth": self.depth,
                "importance": dict(sorted(self.importance.items(), key=lambda kv: -kv[1])),
                "features": list(self.features),
                "nodes": {"roots": self.roots.tolist(), "feature": self.feature.tolist(),
                          "threshold": [float(t) for t in self.threshold], "left": self.left.tolist(),
                          "right": self.right.tolist(), "zero_default_left": self.zero_default_left.tolist(),
                          "value": [float(v) for v in self.value]}}

    @classmethod
    def from_dict(cls, d: dict) -> "TreeEnsemble":
        nodes = d["nodes"]
        return cls(features=tuple(d["features"]), roots=np.asarray(nodes["roots"], np.int64),
                   feature=np.asarray(nodes["feature"], np.int64), threshold=np.asarray(nodes["threshold"], np.float64),
                   left=np.asarray(nodes["left"], np.int64), right=np.asarray(nodes["right"], np.int64),
                   zero_default_left=np.asarray(nodes["zero_default_left"], np.int64),
                   value=np.asarray(nodes["value"], np.float64), depth=int(d["depth"]),
                   importance={k: float(v) for k, v in d.get("importance", {}).items()})


def from_lightgbm(dump: dict, features: list[str]) -> TreeEnsemble:
    """The ensemble of a LightGBM `Booster.dump_model()` whose columns are `features`."""
    feature, threshold, left, right, zero_rule, value, roots = [], [], [], [], [], [], []
    importance: dict = {}
    depth = 0

    def add(node: dict, level: int) -> int:
        nonlocal depth
        i = len(feature)
        for arr in (feature, threshold, left, right, zero_rule, value):
            arr.append(0)
        if "leaf_value" in node:
            feature[i], value[i], left[i], right[i], zero_rule[i] = -1, float(node["leaf_value"]), i, i, -1
            depth = max(depth, level)
            return i
        if node.get("decision_type", "<=") != "<=":
            raise ValueError(f"unsupported split {node.get('decision_type')!r} (numerical splits only)")
        if node.get("missing_type") == "NaN":
            raise ValueError("NaN-missing splits are not supported: train on values without NaN")
        name = features[node["split_feature"]]
        importance[name] = importance.get(name, 0.0) + float(node.get("split_gain", 0.0))
        feature[i], threshold[i] = node["split_feature"], float(node["threshold"])
        zero_rule[i] = int(bool(node["default_left"])) if node.get("missing_type") == "Zero" else -1
        left[i] = add(node["left_child"], level + 1)
        right[i] = add(node["right_child"], level + 1)
        return i

    for tree in dump["tree_info"]:
        roots.append(add(tree["tree_structure"], 0))
    # only the features some split uses are kept (a sparse feature set has thousands of names)
    used = sorted({f for f in feature if f >= 0})
    column = {f: i for i, f in enumerate(used)}
    feature = [column.get(f, -1) for f in feature]
    return TreeEnsemble(features=tuple(features[f] for f in used), roots=np.asarray(roots, np.int64),
                        feature=np.asarray(feature, np.int64), threshold=np.asarray(threshold, np.float64),
                        left=np.asarray(left, np.int64), right=np.asarray(right, np.int64),
                        zero_default_left=np.asarray(zero_rule, np.int64), value=np.asarray(value, np.float64),
                        depth=depth, importance={k: round(v, 3) for k, v in importance.items()})
