"""What certificates tells other apps.

``certificate_issued(sender=Certificate, certificate)``: a certificate was just created (on
completion, or by hand). Commerce listens to certify the programs a course completes.
"""

from django.dispatch import Signal

certificate_issued = Signal()
