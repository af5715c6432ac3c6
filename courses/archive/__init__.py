"""Course archives: a whole course (its page tree, every block, its files, its evaluations
with their keys, its wagtail-localize translations) as one zip, exported from one Aula site
and imported into another as a new draft course under review.

- ``format``: the format's name, version, layout and limits (docs/developers/course-archive.md).
- ``references``: chooser values and rich-text references, to archive ids and back.
- ``exporting``: the archive of a course, streamed (constant memory, whatever the video).
- ``checking``: an uploaded archive checked whole before anything is written.
- ``importing``: a checked archive made into a new course, in one transaction.
"""
