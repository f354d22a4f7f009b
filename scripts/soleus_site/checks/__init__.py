"""What staff can get wrong, each checked where it is found: links and files (links.py; other
websites only on request, external.py), front matter (front_matter.py), pictures (pictures.py)
and reading level (reading_level.py)."""
