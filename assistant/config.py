"""Settings in one place: names, defaults and the format version of the index on disk."""

import os
from pathlib import Path

# Bump when the files written by the store change shape: old indexes then fail to load
# with a message naming `assistant index --rebuild`.
INDEX_FORMAT_VERSION = 2  # 2: sentences.npy (a vector per sentence, for the answer step)

# Bump when cleaning or chunking changes what text ends up in chunks: the next
# `assistant index` then re-ingests (and re-encodes only chunks whose text changed).
PIPELINE_VERSION = 32  # 2: documents (PDF, HWP, HWPX, DOCX), section-bounded chunks, page/section, notice facts;
# 3: news application periods; 4: the largest support amount; 5: each document's region;
# 6: who may apply (eligibility conditions); 7: titles chosen by what the article repeats, press-release and notice dates;
# 8: conditions under bare web headings, certifications with a qualifying remark, <dt>/<dd> application periods;
# 9: lists under a lead-in sentence, clause-wise regions, excluded industries, 설립일로부터 N년 경과;
# 10: .json API records (one document each), a numbered '… 보유' line is a condition, not a heading;
# 11: titles are never a notice's number line or a site's logo, page-feedback widgets are chrome, where
# to apply starts at a word, limits stated outside the eligibility sections are read (or block 신청 가능);
# 12: region names are Kiwi user words (진천 no longer splits into 진 + 천 beside other nouns);
# 13: each document's own place (facts["home"]) for the answer step's region check;
# 14: eligibility: other parts of a notice end its section, wrapped lists, subsectors left out
# 15: tables of contents are chrome (not titles), 제주특별자치도 is a province, eligibility: card/blog headings,
#     track lines, KSIC-coded subsector lists, revenue ranges, year ranges, supports that built something
# 16: .csv programme lists (a Document per row), box-drawn (┃) tables, a title naming a group (비수도권) is the home
# 17: eligibility: tables of alternative tracks (a 'track' condition), footnotes and definitions state no condition
# 18: eligibility: tracks named in a table's first column or in 'name: …' lines, rule-framed headings, OCR wraps
# 19: eligibility: '4. 신청 제외' and '❌ 이런 경우는 신청할 수 없어요' head exclusion lists, bracketed region remarks
# 20: an HTML application form's labels, help texts and check items are text (ingest/forms.py); a JSON chat
#     log is one document; application-form check items and pledges read as conditions; RSS/Atom items are
#     documents; a programme of which only the region was read gets an 'unstated' condition (확인 필요)
# 21: eligibility: errata applied, provisos, headings over other programmes, '이 사업' by the title's words
# 22: districts of the metropolitan cities, spoken conditions and corrections, a digest's other stories; Slack exports
#     read as one conversation; a repeated "[N] …" item title kept where its item starts
# 23: a page of several programmes: facts "parts" (each one's title, place, conditions, amount, deadline);
#     box tables' wrapped cells joined; repeated "□ 신청자격" headings kept
# 24: iCalendar (.ics) events are documents; tables whose columns are lists; chat exports' speaker prefixes
#     left out of conditions; spoken exclusions and same-kind prior support
# 25: .toml programme lists and unzipped HWPX sections (.xml) are read; English eligibility headings
# 26: a web page whose embedded JSON data (Next.js __NEXT_DATA__) holds what it shows: read from its data's records
# 27: an English notice's conditions read through their Korean wording (eligibility/english.py)
# 28: .xlsx programme lists are read (a document per row)
# 29: a chat export's title: the programme its messages quote, else the export's own name (not a JSON key)
# 31: an HTML page's headings and lists between the paragraphs its extraction kept (ingest/htmlblocks.py); one
#     subsector's further requirement, a certificate that lets in other industries, KSIC codes before their names
# 32: tables and lists the extraction dropped between kept paragraphs written out again; a board page's own heading
#     as its title; "○ 제외대상" kept under each programme of a notice; parts headed "□ 사업1 : …"

# Kiwi user-word score of region names (korean._add_place_names): at 0 Kiwi reads 고양이 as
# 고양 + 이 and 김포시 as 김포 + 시; from -2 down 설명회 진천 일정 keeps 진천 whole. Measured over
# phrases with region names that are also words (tests/test_korean.py); -6 is the middle of the
# range (-4 to -8) where only the regions change.
REGION_WORD_SCORE = -6.0

DEFAULT_INDEX_DIR = "index"
DEFAULT_CORPUS_DIR = "corpus"
DEFAULT_ENCODER = "e5-small"

# Chunking: characters per chunk and overlap, chosen by eval/chunking.py
# (see README "How it works"); recorded in manifest.json.
CHUNK_SIZE = 400
CHUNK_OVERLAP = 100

MAX_FILE_BYTES = 20 * 1024 * 1024  # a text page (.txt, .md, .html)
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024  # a PDF, HWP, HWPX or DOCX (images make them large)

ENCODE_BATCH = 32
# A build saves its encoded vectors after this many chunks or seconds of encoding (and every
# file it has read at once), beside the index, so a killed build resumes where it stopped
# (assistant/checkpoint.py).
CHECKPOINT_EVERY = 256
CHECKPOINT_SECONDS = 5.0

# Dense index: exact IndexFlatIP below APPROX_MIN_CHUNKS chunks, HNSW from there on; recorded
# in manifest.json. Measured by eval/bench.py on 2 cores (eval/bench.md): flat search grows
# ~0.2-0.3 ms per 1,000 chunks (25 ms p50 at 110k chunks; 9 ms at 50k); HNSW with efSearch
# 1024 keeps recall@50 >= 0.95 and is ~3x faster at 110k but under 2x at 50k. So: from 100k.
APPROX_MIN_CHUNKS = 100_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 1024


def index_dir(path=None) -> Path:
    """The index folder: an explicit path, else $ASSISTANT_INDEX_DIR, else ./index."""
    return Path(path or os.environ.get("ASSISTANT_INDEX_DIR") or DEFAULT_INDEX_DIR)

# Retrieval: candidates taken from each list before fusing, and the fusion method
# ("rrf" or "weighted"; alpha weighs dense against BM25), chosen on eval/questions.jsonl.
RETRIEVE_DEPTH = 50
FUSION = "weighted"
FUSION_ALPHA = 0.5

# Answering: question length limit. How answers are scored and when to abstain is learned
# (assistant/answering/scoring.py; weights in data/answer_model.json, by eval/train_answer.py).
MAX_QUESTION_CHARS = 1000
