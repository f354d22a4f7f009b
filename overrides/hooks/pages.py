"""MkDocs hook: hands MkDocs' build events to the site's own package, soleus_site (in scripts/,
installed by `make`). What each event does is described in soleus_site/mkdocs_hooks.py."""

from soleus_site.mkdocs_hooks import (  # noqa: F401 (MkDocs calls these by name)
    on_config,
    on_files,
    on_page_content,
    on_nav,
    on_page_markdown,
    on_page_read_source,
    on_post_build,
    on_post_page,
)
