"""What the logs say of a refusal: one line, not a traceback.

Django logs every 403 (and 400) with the exception that caused it, a traceback of twenty
lines for something that is working as meant (someone asking for what their role does not
allow). The filter keeps the line, method, path, status and who asked, and drops the
traceback; errors (500) keep theirs.
"""

from __future__ import annotations

import logging


class OneLineRefusals(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            request = getattr(record, "request", None)
            user = getattr(request, "user", None)
            named = getattr(record, "names_user", False)  # each handler filters the record
            if user is not None and getattr(user, "is_authenticated", False) and not named:
                record.msg = f"{record.msg} (user {user.get_username()})"
                record.names_user = True
        return True
