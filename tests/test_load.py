"""ui.py launched as a process, driven by 8 concurrent gradio_client sessions on loopback."""

import shutil
import sys

from conftest import CORPUS, ROOT

sys.path.insert(0, str(ROOT / "eval"))
import load  # noqa: E402

QUESTIONS = [("김포 스마트공장 최대 지원금은?", ["5,000만 원"]), ("What's the max support in Gimpo?", ["5,000만 원"]),
             ("김포시 스마트공장 신청 마감은 언제인가요?", ["3월 20일"]),
             ("삼성전자 스마트공장 3.0은 몇 개 중소기업을 지원하나요?", ["600개"]),
             ("AX 실증산단 구축사업의 총 국비 지원 규모는?", ["1,400억원"])]


def test_eight_concurrent_sessions_against_ui_py(seed_index, tmp_path):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    shutil.copytree(seed_index, tmp_path / "index")
    with load.launch_ui(tmp_path / "corpus", tmp_path / "index") as url:
        result = load.drive(url, sessions=8, per_session=5, questions=QUESTIONS)
    print(f"\n8 sessions x 5: {result['throughput_rps']} req/s, p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms")
    assert result["requests"] == 40 and result["errors"] == 0, result["error_messages"]
    assert result["correct"] == 40 and result["highlighted"] == 40
    assert result["p95_ms"] >= result["p50_ms"] > 0
