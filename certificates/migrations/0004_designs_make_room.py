"""The three designs make room for long names, titles and lists of instructors (the
``long-name``, ``very-long-name``, ``long-title``, ``very-long-title`` and
``many-instructors`` classes the renderer puts on ``<body>``), so that Classic's text no
longer runs into its signature and QR code. Only a design's style that
nobody changed since migration 0002 is replaced (in every language). Classic keeps its
absolutely placed footer (a flex column would place it too, but doubles WeasyPrint's
render time): the classes shrink what is long enough to reach it."""

from django.db import migrations

from ._designs import CLASSIC_CSS, MINIMAL_CSS, MODERN_CSS

CLASSIC_ROOM = (
    CLASSIC_CSS
    + """
.holder, .course { overflow-wrap: anywhere; }
.instructors { margin-left: 28mm; margin-right: 28mm; }
.long-name .holder { font-size: 25pt; }
.very-long-name .holder { font-size: 20pt; margin: 2mm 0; }
.long-title .course { font-size: 16pt; }
.very-long-title .course { font-size: 13pt; margin: 2mm 0 3mm; }
.very-long-name h1, .very-long-title h1 { font-size: 26pt; margin: 3mm 0; }
.very-long-name .frame, .very-long-title .frame { padding-top: 11mm; }
.many-instructors .instructors { font-size: 8.5pt; }
"""
)

MODERN_ROOM = (
    MODERN_CSS
    + """
.holder, .course { overflow-wrap: anywhere; }
.no-grade .facts > div:nth-child(3) { display: none; }
.long-name .holder { font-size: 26pt; }
.very-long-name .holder { font-size: 21pt; }
.long-title .course { font-size: 16pt; }
.very-long-title .course { font-size: 13pt; }
.very-long-name .course, .very-long-title .course { margin-bottom: 6mm; }
.very-long-name h1, .very-long-title h1 { margin-bottom: 7mm; }
"""
)

MINIMAL_ROOM = (
    MINIMAL_CSS
    + """
.holder, .statement { overflow-wrap: anywhere; }
.long-name .holder { font-size: 27pt; }
.very-long-name .holder { font-size: 22pt; }
.very-long-title .statement { font-size: 11pt; }
"""
)

CHANGES = [(CLASSIC_CSS, CLASSIC_ROOM), (MODERN_CSS, MODERN_ROOM), (MINIMAL_CSS, MINIMAL_ROOM)]


def make_room(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for old, new in CHANGES:
        CertificateTemplate.objects.filter(css=old).update(css=new)


def undo(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    for old, new in CHANGES:
        CertificateTemplate.objects.filter(css=new).update(css=old)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0003_role_grants")]

    operations = [migrations.RunPython(make_room, undo)]
