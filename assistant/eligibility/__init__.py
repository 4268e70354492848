"""Can my company apply? Conditions per programme, read at index time, against a company profile.

- `profile`: CompanyProfile (what the company says about itself; unknown fields stay unknown).
- `places`: a company's and a programme's places (province and city), look-alikes kept apart.
- `conditions`: who may apply, read from a document's text as typed Condition records.
- `match`: a Verdict (신청 가능 / 확인 필요 / 해당 없음) with a cited reason per condition.
"""

from .conditions import Condition, extract
from .match import APPLY, CHECK, LABELS, NOT, Reason, Verdict, verdict
from .profile import CompanyProfile, ProfileError

__all__ = ["APPLY", "CHECK", "LABELS", "NOT", "CompanyProfile", "Condition", "ProfileError", "Reason", "Verdict",
           "extract", "verdict"]
