"""The domain layer: parties, licences, Software Assurance, entitlements, requests and cases."""

# The validators live at the bottom of the package, where the calendars can use them too; the
# layers above reach them through here as before.
from .. import _checks as _checks
