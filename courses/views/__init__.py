"""HTTP views of the courses app: protected files (files.py) and learning actions (learning.py)."""
